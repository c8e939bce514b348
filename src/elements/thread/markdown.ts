/**
 * A small, safe Markdown renderer for messages whose markup is `markdown` (Chatwoot's messages,
 * Virola `TextMarkdown`, Comapi `text/markdown` parts).
 *
 * It covers what chat messages use: paragraphs and line breaks, `#` headings, `>` quotes, `-`/`*`
 * and `1.` lists, `---` rules, fenced and inline code, `**strong**`, `*em*` / `_em_`,
 * `~~strike~~`, `[links](https://…)` (http(s) only: any other link shows as its source text) and
 * bare http(s) URLs. Raw HTML in the source is not markup
 * here: it is escaped and shows as text. The HTML this produces then goes through `sanitizeHtml`
 * like any wire HTML (allow-list, link schemes checked), so nothing it emits can run script.
 */
import { safeUrl } from '../../lit/safe-url.js';
import { sanitizeHtml } from '../../lit/sanitize.js';
import { bareUrlEnd, mayStartUrl, URL_STOP } from './plain-text.js';

const MAX_DEPTH = 8;

/** `text` with `& < > " '` escaped. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

type Emphasis = '*' | '**' | '_' | '__' | '~~';

const TAGS: Record<Emphasis, string> = { '*': 'em', '**': 'strong', '_': 'em', '__': 'strong', '~~': 'del' };
/** Delimiters that neither open after nor close before a letter or digit (`snake_case`, `2*3*4`). */
const INTRAWORD_INERT = new Set<Emphasis>(['*', '_', '__']);
const WORD = /[\p{L}\p{N}_]/u;
const SPACE = /\s/;

/**
 * Inline markup of one line, in one pass with no backtracking: every character is read a bounded
 * number of times, so a hostile line costs time in proportion to its length. Emphasis pairs up
 * through a stack per delimiter (innermost match wins; openers it skips stay literal).
 */
function inline(source: string): string {
  const out: string[] = [];
  const open = new Map<Emphasis, number[]>(); // delimiter → positions in `out` of its unmatched openers
  let text = '';
  let noBacktickFrom = Infinity; // no closing backtick at or after this index
  const flush = (): void => { if (text) out.push(escapeHtml(text)); text = ''; };
  const emit = (html: string): void => { flush(); out.push(html); };
  const n = source.length;
  let i = 0;
  while (i < n) {
    const c = source[i]!;
    if (c === '`' && i < noBacktickFrom) {
      const end = source.indexOf('`', i + 1);
      if (end === -1) noBacktickFrom = i;
      else if (end > i + 1) { emit(`<code>${escapeHtml(source.slice(i + 1, end))}</code>`); i = end + 1; continue; }
    } else if (c === '[') {
      const link = linkAt(source, i);
      if (typeof link === 'number') { text += source.slice(i, link); i = link; continue; }
      // A link to anything but http(s) (`javascript:` ...) is no link: its source shows as text.
      if (link && !safeUrl(link.href)) { text += source.slice(i, link.end); i = link.end; continue; }
      if (link) { emit(`<a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>`); i = link.end; continue; }
    } else if (c === 'h' && mayStartUrl(source[i - 1])) {
      const end = bareUrlEnd(source, i);
      if (end > i) { const url = source.slice(i, end); emit(`<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`); i = end; continue; }
    } else if (c === '*' || c === '_' || c === '~') {
      i = delimiterRun(source, i, out, open, flush);
      continue;
    }
    text += c;
    i++;
  }
  flush();
  return out.join('');
}

/**
 * A `[label](href)` at `at`: the link, or the index of a later `[` to resume from (this one
 * cannot start a link whose label holds another `[`), or undefined when it is plain text.
 */
function linkAt(s: string, at: number): { label: string; href: string; end: number } | number | undefined {
  const close = s.indexOf(']', at + 1);
  if (close === -1) return undefined;
  const inner = s.lastIndexOf('[', close);
  if (inner > at) return inner;
  if (close === at + 1 || s[close + 1] !== '(') return undefined;
  let k = close + 2;
  while (k < s.length && !URL_STOP.test(s[k]!)) k++;
  if (k === close + 2 || s[k] !== ')') return undefined;
  return { label: s.slice(at + 1, close), href: s.slice(close + 2, k), end: k + 1 };
}

/** Reads the run of `*`, `_` or `~` at `at`, opening or closing emphasis; returns where the run ends. */
function delimiterRun(s: string, at: number, out: string[], open: Map<Emphasis, number[]>, flush: () => void): number {
  const c = s[at]!;
  let end = at;
  while (end < s.length && s[end] === c) end++;
  const before = at > 0 ? s[at - 1]! : ' ';
  const after = end < s.length ? s[end]! : ' ';
  const mayOpen = !SPACE.test(after);
  const mayClose = !SPACE.test(before);
  let pieces: string[] = [];
  let left = end - at;
  if (c === '~') { pieces = Array<string>(left >> 1).fill('~~'); left %= 2; } else {
    for (; left >= 2; left -= 2) pieces.push(c + c);
    if (left) { if (mayClose) pieces.unshift(c); else pieces.push(c); left = 0; }
  }
  flush();
  for (const piece of pieces) {
    const d = piece as Emphasis;
    const inert = INTRAWORD_INERT.has(d);
    const opens = mayOpen && !(inert && WORD.test(before));
    const closes = mayClose && !(inert && WORD.test(after));
    const openers = open.get(d);
    if (closes && openers?.length) {
      const from = openers.pop()!;
      for (const list of open.values()) while (list.length && list[list.length - 1]! > from) list.pop();
      out[from] = `<${TAGS[d]}>`;
      out.push(`</${TAGS[d]}>`);
    } else {
      if (opens) { if (!openers) open.set(d, [out.length]); else openers.push(out.length); }
      out.push(piece);
    }
  }
  if (left) out.push(c);
  return end;
}

const FENCE = /^\s*(```|~~~)/;
const HEADING_START = /^(#{1,6})[ \t]+/;
const QUOTE = /^\s*>\s?/;
const BULLET = /^\s*[-*+]\s+/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+/;

/** A heading's text without the closing `#`s and the spaces around them (a scan, not a pattern). */
function headingText(rest: string): string {
  let end = rest.length;
  while (end > 0 && SPACE.test(rest[end - 1]!)) end--;
  let hashes = end;
  while (hashes > 0 && rest[hashes - 1] === '#') hashes--;
  if (hashes < end && (hashes === 0 || SPACE.test(rest[hashes - 1]!))) end = hashes;
  while (end > 0 && SPACE.test(rest[end - 1]!)) end--;
  return rest.slice(0, end);
}

/** `---`, `***` or `___` (spaces allowed between): a thematic break. */
function isRule(line: string): boolean {
  const marks = line.replace(/\s+/g, '');
  return marks.length >= 3 && /^[-*_]$/.test(marks[0]!) && marks.split(marks[0]!).join('') === '';
}

/** Block structure of `lines`, as HTML. */
function blocks(lines: string[], depth: number): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length) out.push(`<p>${paragraph.map(inline).join('<br>')}</p>`);
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trim().startsWith(fence[1]!); i++) code.push(lines[i]!);
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    if (!line.trim()) { flush(); continue; }
    const heading = HEADING_START.exec(line);
    if (heading) {
      flush();
      const level = heading[1]!.length;
      out.push(`<h${level}>${inline(headingText(line.slice(heading[0].length)))}</h${level}>`);
      continue;
    }
    if (isRule(line)) { flush(); out.push('<hr>'); continue; }
    if (QUOTE.test(line)) {
      flush();
      const quoted: string[] = [];
      for (; i < lines.length && QUOTE.test(lines[i]!); i++) quoted.push(lines[i]!.replace(QUOTE, ''));
      i--;
      out.push(`<blockquote>${depth < MAX_DEPTH ? blocks(quoted, depth + 1) : `<p>${escapeHtml(quoted.join(' '))}</p>`}</blockquote>`);
      continue;
    }
    const marker = BULLET.test(line) ? BULLET : NUMBERED.test(line) ? NUMBERED : undefined;
    if (marker) {
      flush();
      const items: string[] = [];
      for (; i < lines.length; i++) {
        const l = lines[i]!;
        if (marker.test(l)) items.push(l.replace(marker, ''));
        else if (l.trim() && /^\s+/.test(l) && items.length) items[items.length - 1] += `\n${l.trim()}`;
        else break;
      }
      i--;
      const tag = marker === BULLET ? 'ul' : 'ol';
      out.push(`<${tag}>${items.map((item) => `<li>${item.split('\n').map(inline).join('<br>')}</li>`).join('')}</${tag}>`);
      continue;
    }
    paragraph.push(line);
  }
  flush();
  return out.join('');
}

/** Markdown source → HTML text (not yet sanitized: use `renderMarkdown` to show it). */
export function markdownToHtml(source: string): string {
  return blocks(source.replace(/\u0000/g, '').split(/\r?\n/), 0);
}

/** Markdown source → a sanitized fragment, safe to insert. */
export function renderMarkdown(source: string): DocumentFragment {
  return sanitizeHtml(markdownToHtml(source));
}
