// A build plugin that minifies the CSS in Lit `css` tagged templates: comments and indentation go,
// a run of spaces becomes one, the spaces around `{ } ;` and after `:` and a `;` before `}` go. The JS
// minifier leaves template text alone, so without this every element's styles ship with their indentation and
// comments. Only the text between `${…}` changes (a space next to one is kept: it may separate two
// values); a template whose interpolations hold anything but plain expressions without quotes or
// braces is left as written. Line breaks stay (as bare newlines), so every line of code after a
// template keeps its number and the sourcemaps stay right without a map of this transform.
import type { Plugin } from 'vite';

/** Characters a space beside never matters to (a `,` is not one: in a custom property's value the space after it is kept). */
const TIGHT = new Set(['{', '}', ';']);

/** One piece of CSS text (between interpolations) minified; `edges` keeps one space at either end if there was any. */
export function minifyCssText(text: string, edges: { start: boolean; end: boolean }): string {
  let out = '';
  let last = ''; // the last character written that is not a kept line break
  let space = false; // whitespace (or a comment) seen since the last character written
  let breaks = ''; // the line breaks in it, kept
  const flush = (next: string): void => {
    // A space after `:` never matters (`color: red`; a selector has none there), one before it may (`a :hover`).
    const separate = space && (last === '' ? edges.start : !TIGHT.has(last) && last !== ':' && !TIGHT.has(next));
    out += breaks || (separate ? ' ' : '');
    space = false;
    breaks = '';
  };
  /** Writes one character, or a whole string or escape (which a `;` rule never looks into). */
  const write = (c: string): void => {
    if (c === '}' && last === ';') { // the `;` before `}` goes (only line breaks can follow it in `out`)
      const at = out.lastIndexOf(';');
      out = out.slice(0, at) + out.slice(at + 1);
    }
    flush(c);
    out += c;
    last = c.length > 1 ? 'x' : c;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) return text; // not CSS we understand: leave it
      breaks += text.slice(i, end + 2).replace(/[^\n]/g, '');
      i = end + 1;
      space = true;
    } else if (/\s/.test(c)) {
      if (c === '\n') breaks += '\n';
      space = true;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return text;
      write(text.slice(i, j + 1));
      i = j;
    } else if (c === '\\') {
      write(text.slice(i, i + 2));
      i++;
    } else write(c);
  }
  out += breaks || (space && edges.end && (last !== '' || edges.start) ? ' ' : '');
  return out;
}

/** `source` with each `css\`…\`` template's text minified. */
export function minifyCssTemplates(source: string): string {
  let result = '';
  let from = 0;
  const tag = /\bcss`/g;
  for (let m = tag.exec(source); m; m = tag.exec(source)) {
    const start = m.index + m[0].length;
    const pieces: string[] = []; // text, expression, text, … text
    let i = start;
    let text = '';
    let ok = true;
    while (i < source.length && source[i] !== '`') {
      if (source[i] === '\\') { text += source.slice(i, i + 2); i += 2; continue; }
      if (source[i] === '$' && source[i + 1] === '{') {
        const close = source.indexOf('}', i + 2);
        const expression = close === -1 ? '' : source.slice(i, close + 1);
        if (close === -1 || /[`'"{]/.test(expression.slice(2))) { ok = false; break; }
        pieces.push(text, expression);
        text = '';
        i = close + 1;
        continue;
      }
      text += source[i];
      i++;
    }
    if (!ok || i >= source.length) continue;
    pieces.push(text);
    const minified = pieces.map((p, k) => (k % 2 ? p : minifyCssText(p, { start: k > 0, end: k < pieces.length - 1 }))).join('');
    result += source.slice(from, start) + minified;
    from = i;
    tag.lastIndex = i + 1;
  }
  return result + source.slice(from);
}

/** The Vite plugin: minifies `css` templates in Parley's own TypeScript (not in dependencies). */
export function minifyLitCss(): Plugin {
  return {
    name: 'parley-minify-lit-css',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      const out = minifyCssTemplates(code);
      return out === code ? null : { code: out, map: null };
    },
  };
}
