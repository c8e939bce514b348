/**
 * One line of plain text for a message, for lists and notifications: HTML and Markdown lose their
 * markup. HTML is read through the sanitizer's inert document (nothing in it runs or loads), never
 * a DOMParser fed a plain string, which a page enforcing Trusted Types refuses.
 *
 * A preview shows one line, so it reads only the start of a body (`PREVIEW_SOURCE_LIMIT`), cut
 * before any parsing: however long a message is, its preview costs the same.
 */
import type { Message } from '../../core/model.js';
import { htmlText } from '../../lit/sanitize.js';
import { ENGLISH, type ParleyMessages } from '../../i18n/index.js';

/** How much of a plain or Markdown body a preview reads: several lines' worth, markup included. */
export const PREVIEW_SOURCE_LIMIT = 600;
/** How much of an HTML body a preview reads: tags and attributes take most of HTML's length. */
export const PREVIEW_HTML_LIMIT = 2_400;

/** The first `limit` UTF-16 units of `text`, not splitting a surrogate pair. */
function head(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const code = text.charCodeAt(limit - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}

/**
 * An emphasis delimiter (`*`, `**`, `_`, `__`, `~~`) or a run of backticks, whose pairs a
 * preview drops (the text between them stays). A backtick run pairs with one of its own length.
 */
type Delimiter = string;

/** Delimiters that neither open after nor close before a letter or digit (`snake_case`, `2*3*4`), as in the thread's Markdown. */
const INTRAWORD_INERT = new Set<Delimiter>(['*', '_', '__']);
const WORD = /[\p{L}\p{N}_]/u;
const SPACE = /\s/;
/** Where a link's `(destination "title")` cannot go on: it ends at `)`, and never spans a line or a bracket. */
const DESTINATION_STOP = new Set([')', '\n', '[', ']']);
const ESCAPABLE = new Set([...'\\`*_{}[]()#+-.!~>|<"\'']);

/**
 * The pieces of a preview as they are read, and the openers still waiting for their closers. A
 * matched opener's piece is blanked afterwards, so nothing read is ever read again.
 */
class PreviewText {
  readonly pieces: string[] = [];
  private readonly open = new Map<Delimiter, number[]>();
  /** Pieces of `[` and `![` not yet closed by a `]`. */
  private readonly labels: number[] = [];

  /** Text as it is. */
  text(s: string): void {
    this.pieces.push(s);
  }

  /** A new line: emphasis and labels pair within a line only, as in the thread's Markdown. */
  newLine(): void {
    this.open.clear();
    this.labels.length = 0;
  }

  /** A delimiter: closes the newest opener of its kind when it may, else opens (or stays literal). */
  delimiter(d: Delimiter, mayOpen: boolean, mayClose: boolean): void {
    const openers = this.open.get(d);
    if (mayClose && openers?.length) {
      const from = openers.pop()!;
      this.pieces[from] = '';
      // Openers of other kinds inside the pair can no longer close across it: they stay text.
      for (const list of this.open.values()) while (list.length && list[list.length - 1]! > from) list.pop();
      return;
    }
    if (mayOpen) {
      if (openers) openers.push(this.pieces.length);
      else this.open.set(d, [this.pieces.length]);
    }
    this.pieces.push(d);
  }

  /** `[` or `![`: a link or image label may start here. */
  openLabel(marker: string): void {
    this.labels.push(this.pieces.length);
    this.pieces.push(marker);
  }

  /** `]` with a destination after it: the label's marker goes; without one the label stays text. */
  closeLabel(isLink: boolean): boolean {
    const from = this.labels.pop();
    if (from === undefined || !isLink) return false;
    this.pieces[from] = '';
    return true;
  }
}

/** Where a `(destination)` that starts at `at` (just past the `(`) ends, past its `)`; -1 when it does not end. */
function destinationEnd(s: string, at: number): number {
  let k = at;
  while (k < s.length && !DESTINATION_STOP.has(s[k]!)) k++;
  return s[k] === ')' ? k + 1 : -1;
}

/** The end of the block marker (`#`, `>`, `-`, `*`, `+`, `1.`, `1)`) and its spaces at `at`, or `at` when there is none. */
function blockMarkerEnd(s: string, at: number): number {
  let k = at;
  if (s[k] === '>') return s[k + 1] === ' ' || s[k + 1] === '\t' ? k + 2 : k + 1;
  if (s[k] === '#') { while (k < s.length && k - at < 6 && s[k] === '#') k++; } else if ('-*+'.includes(s[k] ?? '\n')) k++;
  else { while (k < s.length && k - at < 9 && s[k]! >= '0' && s[k]! <= '9') k++; if (k > at && (s[k] === '.' || s[k] === ')')) k++; else return at; }
  if (k === at || (s[k] !== ' ' && s[k] !== '\t')) return at;
  while (s[k] === ' ' || s[k] === '\t') k++;
  return k;
}

/** A fence line (```` ``` ```` or `~~~`) at `at`: the fence, or undefined. An inline ```` ```code``` ```` is no fence. */
function fenceAt(s: string, at: number): string | undefined {
  const c = s[at];
  if ((c !== '`' && c !== '~') || s[at + 1] !== c || s[at + 2] !== c) return undefined;
  const lineEnd = s.indexOf('\n', at);
  return c === '`' && s.slice(at + 3, lineEnd === -1 ? s.length : lineEnd).includes('`') ? undefined : c.repeat(3);
}

/**
 * Markdown's text, without its markup: block markers, fences, link and image syntax (the label
 * or alt text stays), and paired emphasis and code delimiters. One pass: each character is read
 * a bounded number of times, so the cost is linear in the length (no backtracking patterns).
 */
function markdownText(md: string): string {
  const out = new PreviewText();
  let fence: string | undefined;
  let i = 0;
  while (i < md.length) {
    // A line's start: block markers and fences.
    let k = i;
    while (k < md.length && k - i < 3 && md[k] === ' ') k++;
    const lineFence = fenceAt(md, k);
    if (lineFence !== undefined && (fence === undefined || lineFence === fence)) {
      fence = fence === undefined ? lineFence : undefined;
      const end = md.indexOf('\n', k);
      out.text(' ');
      i = end === -1 ? md.length : end + 1;
      continue;
    }
    const lineEnd = md.indexOf('\n', i);
    const end = lineEnd === -1 ? md.length : lineEnd;
    if (fence !== undefined) {
      out.text(`${md.slice(i, end)} `); // code is shown as it is
      i = end + 1;
      continue;
    }
    for (let marker = blockMarkerEnd(md, k); marker > k; marker = blockMarkerEnd(md, k)) {
      k = marker;
      while (k < end && md[k] === ' ') k++;
    }
    inlineText(md, k, end, out);
    out.text(' ');
    out.newLine();
    i = end + 1;
  }
  return out.pieces.join('');
}

/** The inline markup of `s` from `from` to `to` (one line), read into `out`. */
function inlineText(s: string, from: number, to: number, out: PreviewText): void {
  let i = from;
  while (i < to) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < to && ESCAPABLE.has(s[i + 1]!)) {
      out.text(s[i + 1]!);
      i += 2;
    } else if (c === '[' || (c === '!' && s[i + 1] === '[')) {
      out.openLabel(c === '[' ? '[' : '![');
      i += c === '[' ? 1 : 2;
    } else if (c === ']') {
      const end = s[i + 1] === '(' ? destinationEnd(s, i + 2) : -1;
      if (out.closeLabel(end !== -1)) i = end;
      else { out.text(']'); i++; }
    } else if (c === '*' || c === '_' || c === '~' || c === '`') {
      i = delimiterRun(s, i, to, out);
    } else {
      let k = i + 1;
      while (k < to && !'\\[!]*_~`'.includes(s[k]!)) k++;
      out.text(s.slice(i, k));
      i = k;
    }
  }
}

/**
 * The run of `*`, `_`, `~` or `` ` `` at `at` as delimiters, paired the way the thread's Markdown
 * (markdown.ts) pairs them; returns where the run ends.
 */
function delimiterRun(s: string, at: number, to: number, out: PreviewText): number {
  const c = s[at]!;
  let end = at;
  while (end < to && s[end] === c) end++;
  const before = at > 0 ? s[at - 1]! : ' ';
  const after = end < to ? s[end]! : ' ';
  const mayOpen = !SPACE.test(after);
  const mayClose = !SPACE.test(before);
  let left = end - at;
  if (c === '`') {
    out.delimiter(s.slice(at, end), true, true);
    return end;
  }
  const pieces: Delimiter[] = [];
  if (c === '~') {
    for (; left >= 2; left -= 2) pieces.push('~~');
  } else {
    for (; left >= 2; left -= 2) pieces.push(c + c);
    if (left) { if (mayClose) pieces.unshift(c); else pieces.push(c); left = 0; }
  }
  for (const d of pieces) {
    const inert = INTRAWORD_INERT.has(d);
    out.delimiter(d, mayOpen && !(inert && WORD.test(before)), mayClose && !(inert && WORD.test(after)));
  }
  if (left) out.text(c);
  return end;
}

/** The text of a message as one line, without its markup; '' for a deleted one or one without text. */
export function previewLine(m: Message): string {
  if (m.deleted) return '';
  const source = head(m.text, m.markup === 'html' ? PREVIEW_HTML_LIMIT : PREVIEW_SOURCE_LIMIT);
  const text = m.markup === 'html' ? htmlText(source) : m.markup === 'markdown' ? markdownText(source) : source;
  return text.replace(/\s+/g, ' ').trim();
}

/** The message as one line of plain text, in `words` when it is deleted or only attachments. */
export function previewText(m: Message, words: ParleyMessages = ENGLISH, line = previewLine(m)): string {
  if (m.deleted) return words.t('shared.messageDeleted');
  return line || (m.attachments.length ? words.t('shared.attachment') : '');
}
