/**
 * DOMPurify, set up the way Parley sanitizes: a small allow-list, link schemes checked, links that
 * open without access to the page. Loaded on demand by `sanitize.ts` (a chunk of its own in the
 * CDN build), the first time HTML or Markdown has to become markup; import `sanitize.ts`, not this.
 */
import DOMPurify from 'dompurify';
import { safeUrl } from './safe-url.js';

const ALLOWED_TAGS = ['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'del', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'a', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'sub', 'sup'];
const ALLOWED_ATTR = ['href', 'title'];

const purifier = DOMPurify(window);
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

/** `html` parsed by DOMPurify alone (its own Trusted Types policy, `dompurify`) into a safe fragment. */
export function purify(html: string): DocumentFragment {
  return purifier.sanitize(html, {
    ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false, ALLOW_ARIA_ATTR: false,
    RETURN_DOM_FRAGMENT: true, FORBID_CONTENTS: ['style', 'script', 'template', 'svg', 'math'],
  });
}
