/**
 * Plain-text bodies with their bare http(s) URLs as links, built from Lit templates: the text is
 * bound as text and each link's `href` as an attribute, so no markup string is ever parsed and
 * the sanitizer is not needed. Also tells a Markdown body that has no Markdown in it, which then
 * renders this way without loading the Markdown renderer and the sanitizer.
 */
import { html, type TemplateResult } from 'lit';
import { safeUrl } from '../../lit/safe-url.js';
import { withShortRuns } from './long-runs.js';

/** Characters a link target or a bare URL never contains here. */
export const URL_STOP = /[\s<>()[\]\u0000]/;

/** Whether a bare URL may start right after `before` (the start of the text, a space or a `(`). */
export const mayStartUrl = (before: string | undefined): boolean => before === undefined || /[\s(]/.test(before);

/** End of a bare http(s) URL starting at `at` (trailing punctuation left out), or `at` when there is none. */
export function bareUrlEnd(s: string, at: number): number {
  const scheme = s.startsWith('https://', at) ? 8 : s.startsWith('http://', at) ? 7 : 0;
  if (!scheme) return at;
  let end = at + scheme;
  while (end < s.length && !URL_STOP.test(s[end]!)) end++;
  while (end > at + scheme && '.,;:!?'.includes(s[end - 1]!)) end--;
  return end > at + scheme ? end : at;
}

/** The most links one body gets; past them the text stays text (a body of nothing but URLs stays cheap). */
const MAX_LINKS = 500;

/** A link that opens apart from this page, to a URL already checked by `safeUrl`. */
export const link = (href: string, label: string): TemplateResult =>
  html`<a href=${href} target="_blank" rel="noopener noreferrer nofollow">${withShortRuns(label)}</a>`;

/**
 * `text` for a template, its bare http(s) URLs as links (one pass, no backtracking): the text
 * itself (or its short-run fragment, long-runs.ts) when it holds none. Render it under a `guard`.
 */
export function linkified(text: string): string | DocumentFragment | unknown[] {
  const parts: unknown[] = [];
  let from = 0;
  let links = 0;
  for (let i = text.indexOf('http'); i !== -1 && links < MAX_LINKS; i = text.indexOf('http', i + 1)) {
    if (!mayStartUrl(i > 0 ? text[i - 1] : undefined)) continue;
    const end = bareUrlEnd(text, i);
    const href = end > i ? safeUrl(text.slice(i, end)) : undefined;
    if (!href) continue;
    if (i > from) parts.push(withShortRuns(text.slice(from, i)));
    parts.push(link(href, text.slice(i, end)));
    links++;
    from = end;
    i = end - 1;
  }
  if (!parts.length) return withShortRuns(text);
  if (from < text.length) parts.push(withShortRuns(text.slice(from)));
  return parts;
}

/** Inline Markdown: emphasis, strike, code, links. */
const INLINE_SYNTAX = /[*_~`[]/;
/** Block Markdown at a line's start: headings, quotes, list items, rules (with `*`/`_` caught above). */
const BLOCK_SYNTAX = /^[ \t]*(?:[#>]|[-+][ \t]|\d{1,9}[.)][ \t]|---)/m;

/** Whether `source` holds anything the Markdown renderer would turn into markup besides bare URLs. */
export function hasMarkdown(source: string): boolean {
  return INLINE_SYNTAX.test(source) || BLOCK_SYNTAX.test(source);
}
