/**
 * The XSS trap: `window.__xss(id)` records an execution, a PerformanceObserver (and the resource
 * timing buffer) records any request to attacker.invalid, `window.open` is wrapped. `check()` also
 * walks every shadow root under a node for markup that must never be there.
 */
export interface Trap {
  hits: string[];
  requests: string[];
  opened: string[];
  /** Everything recorded so far (executions, attacker requests, window.open calls). */
  report(): string[];
  uninstall(): void;
}

type Win = Window & { __xss?: (id: string) => void };

export function installTrap(): Trap {
  const w = window as Win;
  const hits: string[] = [];
  const requests: string[] = [];
  const opened: string[] = [];
  const seen = new Set<string>();
  const record = (url: string) => {
    if (url.includes('attacker.invalid') && !seen.has(url)) { seen.add(url); requests.push(url); }
  };
  performance.clearResourceTimings(); // a fresh record per test
  w.__xss = (id: string) => { hits.push(String(id)); };
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) record(e.name); });
  observer.observe({ type: 'resource', buffered: true });
  const open = window.open;
  window.open = ((url?: string | URL) => { opened.push(String(url)); return null; }) as typeof window.open;
  return {
    hits, requests, opened,
    report() {
      for (const e of performance.getEntriesByType('resource')) record(e.name);
      return [...hits.map((h) => `executed: ${h}`), ...requests.map((r) => `requested: ${r}`), ...opened.map((o) => `window.open: ${o}`)];
    },
    uninstall() {
      observer.disconnect();
      window.open = open;
      delete w.__xss;
    },
  };
}

const FORBIDDEN_TAGS = ['script', 'iframe', 'frame', 'object', 'embed', 'style', 'base', 'form', 'meta', 'link', 'svg', 'math', 'noscript', 'template'];
const URL_ATTRS = ['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background'];

/**
 * Dangerous things in `root`'s light and shadow trees (recursively), as strings:
 * forbidden elements, `on*` attributes, `javascript:`/`data:`/`vbscript:` URLs, URLs or inline
 * styles pointing at attacker.invalid. Lit's own `<style>` in adoptedStyleSheets does not show up;
 * a `<style>` element inside a shadow root would (the widget uses none).
 */
export function dangers(root: Node): string[] {
  const found: string[] = [];
  const visit = (node: Node, path: string) => {
    if (node instanceof Element) {
      const tag = node.localName;
      const here = `${path} > ${tag}`;
      if (FORBIDDEN_TAGS.includes(tag) && !isIcon(node) && !isComposerForm(node)) found.push(`element <${tag}> at ${here}`);
      for (const attr of [...node.attributes]) {
        const name = attr.name.toLowerCase();
        const value = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (name.startsWith('on')) found.push(`attribute ${name} on <${tag}> at ${here}`);
        if (URL_ATTRS.includes(name) && /^(javascript|data|vbscript):/.test(value)) found.push(`${name}=${attr.value.slice(0, 60)} on <${tag}> at ${here}`);
        // A link to an http(s) URL is a link (Markdown autolinks them); anything that loads by itself is not.
        const link = name === 'href' && tag === 'a' && /^https?:/.test(value);
        if (attr.value.includes('attacker.invalid') && !link && name !== 'alt' && name !== 'title' && name !== 'aria-label') found.push(`${name} pointing at attacker.invalid on <${tag}> at ${here}`);
      }
      if (node.shadowRoot) visit(node.shadowRoot, `${here}::shadow`);
    }
    for (const child of node.childNodes) visit(child, path);
  };
  visit(root, '');
  return found;
}

/** The composer's own form (no action: it is submitted by script, never navigates). */
function isComposerForm(el: Element): boolean {
  const root = el.getRootNode();
  return el.localName === 'form' && !el.hasAttribute('action') && root instanceof ShadowRoot && root.host.localName === 'parley-composer';
}

/** The widget's own inline SVG icons (static templates, no attributes from the wire). */
function isIcon(el: Element): boolean {
  const svg = el.localName === 'svg' ? el : el.closest('svg');
  return !!svg && svg.getAttribute('aria-hidden') === 'true' && !svg.closest('.rich');
}

/** The text of `root` including every shadow root under it. */
export function deepText(root: Node): string {
  let out = '';
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) out += node.textContent;
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return out;
}

/** Let images error and stylesheets load: two frames and a short settle, then a resource check. */
export async function settle(ms = 150): Promise<void> {
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  await new Promise((r) => setTimeout(r, ms));
}
