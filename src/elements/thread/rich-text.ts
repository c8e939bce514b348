/**
 * Message bodies that are markup (`html`, `markdown`), rendered once what they need has loaded.
 * The sanitizer (DOMPurify) and the Markdown renderer are chunks of their own, imported the first
 * time such a body must be shown, so pages whose messages are all plain text never download them.
 * Until then the body shows as plain text through a Lit text binding (never as markup), and it is
 * replaced by its sanitized markup when the load finishes.
 */
import { until } from 'lit/directives/until.js';
import { isSanitizerLoaded, sanitizeHtml, sanitizerReady } from '../../lit/sanitize.js';
import type { renderMarkdown } from './markdown.js';

/** The markup kinds rendered here; any other body is plain text. */
export type RichMarkup = 'html' | 'markdown';

let markdown: typeof renderMarkdown | undefined;
let markdownLoading: Promise<void> | undefined;

function markdownReady(): Promise<void> {
  if (markdown) return Promise.resolve();
  markdownLoading ??= import('./markdown.js').then(
    (m) => { markdown = m.renderMarkdown; },
    (error: unknown) => { markdownLoading = undefined; throw error; },
  );
  return markdownLoading;
}

/** Whether a body of this markup can be rendered right now. */
export function isRichTextLoaded(markup: RichMarkup): boolean {
  return isSanitizerLoaded() && (markup === 'html' || markdown !== undefined);
}

/** Loads what a body of this markup needs (the sanitizer; for Markdown its renderer too, in parallel). */
export function richTextReady(markup: RichMarkup): Promise<void> {
  return markup === 'html' ? sanitizerReady() : Promise.all([sanitizerReady(), markdownReady()]).then(() => undefined);
}

/** The sanitized fragment of `source`; throws while `isRichTextLoaded(markup)` is false. */
export function renderRichText(source: string, markup: RichMarkup): DocumentFragment {
  if (markup === 'html') return sanitizeHtml(source);
  if (!markdown) throw new Error('The Markdown renderer is still loading: wait for richTextReady()');
  return markdown(source);
}

/** What an HTML body shows while the sanitizer loads: its text with the tags left out (bound as text, never parsed). */
export function pendingText(source: string, markup: RichMarkup): string {
  return markup === 'html' ? source.replace(/<[^>]*>?/g, '') : source;
}

/**
 * The body for a template: `make()` (the markup, built synchronously) when `markup`'s renderer has
 * loaded; otherwise `plain(pendingText(source))`, text for a Lit text binding, replaced by `make()`
 * when the load ends (by `plain(source)` if it fails). Render it under a `guard` keyed on
 * `isRichTextLoaded(markup)` too, so a row rendered again after the load builds its markup directly.
 */
export function richTextOr<T>(source: string, markup: RichMarkup, make: () => T, plain: (text: string) => T): T | ReturnType<typeof until> {
  if (isRichTextLoaded(markup)) return make();
  return until(richTextReady(markup).then(make, () => plain(source)), plain(pendingText(source, markup)));
}
