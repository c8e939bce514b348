// When `npm run prepare` builds dist/ (scripts/prepare.mjs runs it; this file decides, and has no
// Node imports so a browser test can load it too: test/build/prepare.test.ts).
//
// npm runs `prepare` after `npm install` and `npm ci` in this checkout, when it installs Parley as a
// git dependency (it clones the repository, runs `npm install` there, then `prepare` again before it
// packs) and before `npm pack` / `npm publish`. dist/ is not in git, so a git install has none.
//   - `npm pack` / `npm publish`: always build, so a package never ships a stale dist/.
//   - dist/ complete (every file package.json's `exports` names): nothing to do.
//   - `npm ci` in a checkout (CI: .ci/run runs `npm ci` then `npm test`, which builds anyway): skip,
//     saying how to build.
//   - anything else with dist/ incomplete (a git install; `npm install` in a fresh clone): build.
// npm marks a git dependency's preparation with `npm_package_resolved` (pacote's DirFetcher) or
// `_PACOTE_NO_PREPARE_` (the `npm install` it runs in the clone): with either, even `npm ci` builds.

/** Files under dist/ that package.json's `exports` points at, e.g. `dist/parley.js`. */
export function exportedDistFiles(pkg) {
  const targets = [];
  const walk = (value) => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(pkg.exports ?? {});
  return [...new Set(targets.filter((t) => t.startsWith('./dist/')).map((t) => t.slice(2)))].sort();
}

/**
 * Why this `prepare` run must build, or `null` to skip it.
 * @param {{ command?: string, env: Record<string, string | undefined>, missing: string[] }} run
 *   `command`: npm's `npm_command` (`install`, `ci`, `pack`, `publish`…); `missing`: exported dist files absent.
 */
export function buildReason({ command, env, missing }) {
  if (command === 'pack' || command === 'publish') return `npm ${command}: building a fresh dist/`;
  if (!missing.length) return null;
  const gitDependency = !!env.npm_package_resolved || !!env._PACOTE_NO_PREPARE_;
  if (gitDependency) return `installed as a git dependency: dist/ lacks ${missing[0]}`;
  if (command === 'ci') return null;
  return `dist/ lacks ${missing[0]}`;
}
