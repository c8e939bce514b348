/**
 * The only way wire text becomes markup: DOMPurify with a small allow-list, and URLs checked
 * for their scheme. Lives in the DOM layer because DOMPurify needs a document.
 */
import DOMPurify from 'dompurify';

const ALLOWED_TAGS = ['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'del', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'a', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'sub', 'sup'];
const ALLOWED_ATTR = ['href', 'title'];

let purifier: ReturnType<typeof DOMPurify> | undefined;

function instance(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  purifier = DOMPurify(window);
  // Links: only safe schemes, and they open without access to this page.
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href');
      const safe = href ? safeUrl(href) : undefined;
      if (safe) {
        node.setAttribute('href', safe);
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer nofollow');
      } else node.removeAttribute('href');
    }
  });
  return purifier;
}

/**
 * Sanitize HTML from the wire into a DocumentFragment safe to insert. The string is parsed by
 * DOMPurify alone, through its own Trusted Types policy (`dompurify`): no other code of Parley
 * turns a string into DOM, so a page enforcing `require-trusted-types-for 'script'` needs to allow
 * only `lit-html` and `dompurify` besides `parley`.
 */
export function sanitizeHtml(html: string): DocumentFragment {
  return instance().sanitize(html, {
    ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false, ALLOW_ARIA_ATTR: false,
    RETURN_DOM_FRAGMENT: true, FORBID_CONTENTS: ['style', 'script', 'template', 'svg', 'math'],
  });
}

/** The text of HTML from the wire, read through the sanitizer (what a script or style holds is dropped). */
export function htmlText(html: string): string {
  return sanitizeHtml(html).textContent ?? '';
}

const SAFE_SCHEMES = new Set(['http:', 'https:']);

/**
 * An absolute http(s) URL, or undefined. `javascript:`, `data:`, `vbscript:`, `blob:` and
 * anything unparsable are refused. Relative URLs resolve against the page.
 */
export function safeUrl(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.trim() === '') return undefined;
  try {
    const u = new URL(url.trim(), document.baseURI);
    return SAFE_SCHEMES.has(u.protocol) ? u.href : undefined;
  } catch {
    return undefined;
  }
}
