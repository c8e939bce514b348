/**
 * A small, safe Markdown renderer for messages whose markup is `markdown` (Virola `TextMarkdown`).
 *
 * It covers what chat messages use: paragraphs and line breaks, `#` headings, `>` quotes, `-`/`*`
 * and `1.` lists, `---` rules, fenced and inline code, `**strong**`, `*em*` / `_em_`,
 * `~~strike~~`, `[links](https://…)` and bare http(s) URLs. Raw HTML in the source is not markup
 * here: it is escaped and shows as text. The HTML this produces then goes through `sanitizeHtml`
 * like any wire HTML (allow-list, link schemes checked), so nothing it emits can run script.
 */
import { sanitizeHtml } from '../../lit/sanitize.js';

const MAX_DEPTH = 8;

/** `text` with `& < > " '` escaped. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Inline markup of one run of text (already split into lines by the block pass). */
function inline(source: string): string {
  const stash: string[] = [];
  const keep = (html: string): string => `\u0000${stash.push(html) - 1}\u0000`;
  let s = source.replace(/`([^`\n]+)`/g, (_m, code: string) => keep(`<code>${escapeHtml(code)}</code>`));
  s = escapeHtml(s);
  s = s.replace(/\[([^\]\n]+)\]\(([^()\s]+)\)/g, (_m, label: string, href: string) => keep(`<a href="${href}">${label}</a>`));
  s = s.replace(/(^|[\s(])(https?:\/\/[^\s<>()\u0000]+[^\s<>().,;:!?\u0000])/g, (_m, lead: string, url: string) => `${lead}${keep(`<a href="${url}">${url}</a>`)}`);
  s = s.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>');
  s = s.replace(/(^|[^_\w])__(?=\S)([\s\S]*?\S)__(?![_\w])/g, '$1<strong>$2</strong>');
  s = s.replace(/(^|[^*\w])\*(?=\S)([^*]*?\S)\*(?![*\w])/g, '$1<em>$2</em>');
  s = s.replace(/(^|[^_\w])_(?=\S)([^_]*?\S)_(?![_\w])/g, '$1<em>$2</em>');
  s = s.replace(/~~(?=\S)([\s\S]*?\S)~~/g, '<del>$1</del>');
  return s.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => stash[Number(i)] ?? '');
}

const FENCE = /^\s*(```|~~~)/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const QUOTE = /^\s*>\s?/;
const BULLET = /^\s*[-*+]\s+/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+/;

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
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const level = heading[1]!.length;
      out.push(`<h${level}>${inline(heading[2]!)}</h${level}>`);
      continue;
    }
    if (RULE.test(line)) { flush(); out.push('<hr>'); continue; }
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
