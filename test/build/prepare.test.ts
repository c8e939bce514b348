/**
 * When `npm run prepare` builds dist/ (scripts/prepare-rules.mjs, run by scripts/prepare.mjs): on a
 * git install, on a fresh `npm install`, before pack and publish; not on `npm ci` in a checkout,
 * whose `npm test` builds anyway, and not when dist/ already holds every exported file.
 */
import { expect } from '@open-wc/testing';

interface Rules {
  exportedDistFiles(pkg: unknown): string[];
  buildReason(run: { command?: string; env: Record<string, string | undefined>; missing: string[] }): string | null;
}

describe('prepare: when it builds dist/', () => {
  let rules: Rules;
  let pkg: { exports: Record<string, unknown> };
  before(async () => {
    const path: string = '/scripts/prepare-rules.mjs';
    rules = await import(path) as Rules;
    pkg = await (await fetch('/package.json')).json() as typeof pkg;
  });

  it('checks every dist file package.json exports', () => {
    const files = rules.exportedDistFiles(pkg);
    for (const f of ['dist/parley.js', 'dist/parley-chat.js', 'dist/parley.iife.js', 'dist/parley.loader.js', 'dist/types/index.d.ts']) expect(files).to.include(f);
    expect(files.every((f) => f.startsWith('dist/'))).to.equal(true);
    expect(files).to.not.include('custom-elements.json');
  });

  it('builds for a git dependency, even under npm ci, and for a fresh npm install', () => {
    const missing = ['dist/parley.js'];
    expect(rules.buildReason({ command: 'install', env: { _PACOTE_NO_PREPARE_: 'git+https://example.test/parley.git' }, missing })).to.match(/git dependency/);
    expect(rules.buildReason({ command: 'ci', env: { npm_package_resolved: '/tmp/git-clone-x' }, missing })).to.match(/git dependency/);
    expect(rules.buildReason({ command: 'install', env: {}, missing })).to.equal('dist/ lacks dist/parley.js');
  });

  it('skips npm ci in a checkout and a complete dist/', () => {
    expect(rules.buildReason({ command: 'ci', env: {}, missing: ['dist/parley.js'] })).to.equal(null);
    expect(rules.buildReason({ command: 'install', env: { _PACOTE_NO_PREPARE_: 'x' }, missing: [] })).to.equal(null);
  });

  it('always builds before pack and publish', () => {
    expect(rules.buildReason({ command: 'pack', env: {}, missing: [] })).to.match(/fresh dist/);
    expect(rules.buildReason({ command: 'publish', env: {}, missing: [] })).to.match(/fresh dist/);
  });
});
