/**
 * Long runs of text without a space, kept cheap to lay out. Chromium lays out one unbroken run in
 * a bubble (`overflow-wrap: anywhere`) in time that grows much faster than its length: a
 * 20,000-character word took 0.9 to 2.4 s each time its row rendered. The same run held in text
 * nodes of at most RUN_CHUNK characters lays out in under 20 ms, on exactly the same lines: each
 * text node is shaped and broken on its own. So a longer run is split into such text nodes, at
 * grapheme boundaries. The text, its lines, selection and copy stay as they were; only the number
 * of text nodes differs. (A `<wbr>` every 100 characters is as fast, but then the lines break at
 * the `<wbr>`s instead of where the bubble ends: a ragged column.)
 */

/** The longest stretch of a run without spaces that one text node holds. */
export const RUN_CHUNK = 100;

/** The spaces a run ends at (what `white-space: pre-wrap` and `normal` both break at). */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x0c;
}

let segmenter: Intl.Segmenter | null | undefined;

/** The grapheme clusters of `text`, where the platform has `Intl.Segmenter`. */
function graphemesOf(text: string): Intl.Segments | undefined {
  if (segmenter === undefined) segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  return segmenter?.segment(text);
}

/**
 * A cut near `at` (after `from`) that splits no character a reader sees as one: the start of
 * the grapheme holding `at`, or its end when it started at or before `from`. Without
 * `Intl.Segmenter`, a code point boundary at or before `at`.
 */
function cutNear(text: string, at: number, from: number, graphemes: Intl.Segments | undefined): number {
  const g = graphemes?.containing(at);
  if (g) return g.index > from ? g.index : g.index + g.segment.length;
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

/**
 * Where to cut `text` so that no piece of a run without spaces is longer than RUN_CHUNK
 * (ascending offsets); none when no run is that long. One pass over the text.
 */
export function runCuts(text: string): number[] {
  const cuts: number[] = [];
  let graphemes: Intl.Segments | undefined;
  let from = 0; // where the current run, or its latest piece, starts
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) {
      from = i + 1;
      continue;
    }
    if (i - from < RUN_CHUNK) continue;
    graphemes ??= graphemesOf(text);
    const cut = cutNear(text, i, from, graphemes);
    if (cut >= text.length) break;
    cuts.push(cut);
    from = cut;
    if (cut > i) i = cut - 1;
  }
  return cuts;
}

/** `text` in pieces at `cuts`. */
function piecesOf(text: string, cuts: readonly number[]): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    pieces.push(text.slice(from, cut));
    from = cut;
  }
  pieces.push(text.slice(from));
  return pieces;
}

/**
 * Text for a template: `text` itself when no run in it is longer than RUN_CHUNK, else a
 * fragment of text nodes cut at `runCuts` (render it once per text, e.g. under `guard`).
 */
export function withShortRuns(text: string): string | DocumentFragment {
  const cuts = runCuts(text);
  if (!cuts.length) return text;
  const fragment = document.createDocumentFragment();
  fragment.append(...piecesOf(text, cuts));
  return fragment;
}

/** Split the long runs of every text node under `root` (a sanitized fragment) the same way, in place; returns `root`. */
export function shortenRunsIn<T extends Node>(root: T): T {
  const long: Text[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if ((node as Text).length > RUN_CHUNK) long.push(node as Text);
  }
  for (const node of long) {
    const cuts = runCuts(node.data);
    if (cuts.length) node.replaceWith(...piecesOf(node.data, cuts));
  }
  return root;
}
