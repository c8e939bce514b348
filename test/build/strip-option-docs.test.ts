/**
 * build-option-docs.ts, the build plugin that ships the protocols' options schemas without their
 * documentation: each real schema, stripped, is the same schema less `description` and `default`,
 * and a schema it cannot strip whole fails the build.
 */
import { expect } from '@open-wc/testing';
import { stripOptionDocs } from '../../build-option-docs.js';
import { protocolOptions } from '../../src/core/builtin-options.js';
import type { OptionSpec } from '../../src/core/options-schema.js';

/** The module the dev server serves for `path` (TypeScript already turned into JavaScript). */
async function served(path: string): Promise<string> {
  const res = await fetch(new URL(path, import.meta.url));
  expect(res.ok, path).to.equal(true);
  return (await res.text()).replace(/\n\/\/# sourceMappingURL=.*$/m, '');
}

/** Evaluates a module's source (no imports) and returns its exports. */
async function evaluate(code: string): Promise<{ OPTIONS: readonly OptionSpec[] }> {
  return import(/* @vite-ignore */ `data:text/javascript;charset=utf-8,${encodeURIComponent(code)}`) as Promise<{ OPTIONS: readonly OptionSpec[] }>;
}

describe('build: options schemas without their documentation', () => {
  for (const name of Object.keys(protocolOptions)) {
    it(`${name}: the same options, less description and default`, async () => {
      const code = await served(`../../src/core/protocols/${name}/option-specs.ts`);
      const stripped = stripOptionDocs(code);
      expect(stripped.length).to.be.below(code.length * 0.6);
      expect(stripped.split('\n').length, 'line numbers kept').to.equal(code.split('\n').length);
      const { OPTIONS } = await evaluate(stripped);
      const expected = protocolOptions[name]!.map(({ description: _d, default: _default, ...rest }) => rest);
      expect(OPTIONS).to.deep.equal(expected);
      for (const spec of OPTIONS) expect(spec).to.not.have.any.keys('description', 'default');
    });
  }

  it('keeps escapes and quotes inside the rest, and fails on a description it cannot strip', () => {
    expect(stripOptionDocs(`[{ name: 'a', description: 'it\\'s "here"', default: "x's", type: 'string' }]`)).to.equal(`[{ name: 'a', type: 'string' }]`);
    expect(stripOptionDocs('[{ name: \'a\', description: `it\'s "here"` }]')).to.equal(`[{ name: 'a', }]`); // a trailing comma, as JavaScript allows
    expect(() => stripOptionDocs('[{ name: \'a\', description: `multi\nline`, type: \'string\' }]')).to.throw(/one-line string literal/);
    expect(() => stripOptionDocs('[{ name: \'a\', description: `${name} here`, type: \'string\' }]')).to.throw(/one-line string literal/);
    expect(() => stripOptionDocs("[{ name: 'a', description: 'one ' + 'two', type: 'string' }]")).to.throw(/one-line string literal/);
  });
});
