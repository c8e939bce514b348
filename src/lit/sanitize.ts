/**
 * The only way wire text becomes markup: DOMPurify with a small allow-list (purifier.ts), and URLs
 * checked for their scheme. Lives in the DOM layer because DOMPurify needs a document.
 *
 * DOMPurify is loaded on demand: most pages never receive HTML, so it is not part of the entry.
 * `sanitizerReady()` starts the load (a dynamic import of a chunk from the widget's own origin, which
 * `script-src 'self'` allows); until it has finished `isSanitizerLoaded()` is false, `sanitizeHtml`
 * throws `SanitizerNotLoadedError` and `htmlText` returns ''. A caller shows such a message as plain
 * text (never markup) meanwhile and renders it again once `sanitizerReady()` resolves.
 */
import type { purify } from './purifier.js';

export { safeUrl } from './safe-url.js';

let sanitize: typeof purify | undefined;
let loading: Promise<void> | undefined;

/** Thrown by `sanitizeHtml` before the sanitizer has loaded (the load is under way by then). */
export class SanitizerNotLoadedError extends Error {
  constructor() {
    super('The HTML sanitizer is still loading: show the text as plain text until sanitizerReady() resolves.');
    this.name = 'SanitizerNotLoadedError';
  }
}

/** Whether HTML can be sanitized right now (`sanitizeHtml` and `htmlText` work synchronously). */
export function isSanitizerLoaded(): boolean {
  return sanitize !== undefined;
}

/**
 * Loads the sanitizer (once; a failed load is tried again on the next call) and resolves when
 * `sanitizeHtml` can run. Rejects when its chunk could not be loaded.
 */
export function sanitizerReady(): Promise<void> {
  if (sanitize) return Promise.resolve();
  loading ??= import('./purifier.js').then(
    (m) => { sanitize = m.purify; },
    (error: unknown) => { loading = undefined; throw error; },
  );
  return loading;
}

/**
 * Sanitize HTML from the wire into a DocumentFragment safe to insert. The string is parsed by
 * DOMPurify alone, through its own Trusted Types policy (`dompurify`): no other code of Parley
 * turns a string into DOM, so a page enforcing `require-trusted-types-for 'script'` needs to allow
 * only `lit-html` and `dompurify` besides `parley`. Throws `SanitizerNotLoadedError` (and starts
 * the load) while the sanitizer is not loaded yet.
 */
export function sanitizeHtml(html: string): DocumentFragment {
  if (!sanitize) {
    sanitizerReady().catch(() => undefined); // the caller shows plain text; a later call tries the load again
    throw new SanitizerNotLoadedError();
  }
  return sanitize(html);
}

/**
 * The text of HTML from the wire, read through the sanitizer (what a script or style holds is
 * dropped); '' while the sanitizer is still loading (see `isSanitizerLoaded`).
 */
export function htmlText(html: string): string {
  if (!sanitize) {
    sanitizerReady().catch(() => undefined);
    return '';
  }
  return sanitize(html).textContent ?? '';
}
