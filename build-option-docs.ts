// A build plugin for the builds that go to browsers as they are (the CDN build and the IIFE): each
// protocol's options schema (src/core/protocols/*/option-specs.ts) ships without its documentation.
// `description` and `default` are prose for custom-elements.json (scripts/manifest-options.ts reads
// them from the source) and no code at run time reads them; they are 4 KiB of text, 1.5 KiB gzipped, in
// every page. The library build for bundlers keeps them (`parley-chat/runtime` exports the schemas).
// Each property sits on one line as a plain string literal; a schema written otherwise fails the
// build rather than shipping half stripped.
import type { Plugin } from 'vite';

const SPEC_FILE = /[\\/]src[\\/]core[\\/]protocols[\\/][^\\/]+[\\/]option-specs\.ts$/;
/**
 * ` description: '…',` (or "…", or `…` without `${`; escapes allowed inside) ending at its comma or
 * the object's `}`: the property and its comma.
 */
const DOC_PROPERTY = /\s(?:description|default): (?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\\n$]|\\.|\$(?!\{))*`)(?:,|(?=\s*\}))/g;

/** The schema's source without its documentation properties; throws if any is left. */
export function stripOptionDocs(code: string, id = 'option-specs.ts'): string {
  const out = code.replace(DOC_PROPERTY, '');
  const left = /\b(?:description|default):/.exec(out.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''));
  if (left) throw new Error(`${id}: an option's ${left[0]} is not a one-line string literal; write it as one`);
  return out;
}

/** Strips options' documentation from the bundle (see the top). */
export function stripOptionDocsPlugin(): Plugin {
  return {
    name: 'parley-strip-option-docs',
    enforce: 'pre', // the schema as written, before TypeScript is compiled away
    transform(code, id) {
      if (!SPEC_FILE.test(id)) return null;
      return { code: stripOptionDocs(code, id), map: null };
    },
  };
}
