#!/usr/bin/env node
// Proves the lint boundaries bite: each snippet below breaks one rule of the design and must be
// refused by eslint.config.js at the path it names. Run by `npm run verify`.
import { ESLint } from 'eslint';

/** A violation, where it would live, and the rule that must refuse it. */
const violations = [
  { path: 'src/core/boundary-probe.ts', code: "import { html } from 'lit';\nexport const t = html`x`;\n", rule: 'no-restricted-imports', what: 'core imports Lit' },
  { path: 'src/core/boundary-probe.ts', code: "import DOMPurify from 'dompurify';\nexport const p = DOMPurify;\n", rule: 'no-restricted-imports', what: 'core imports a DOM library' },
  { path: 'src/core/boundary-probe.ts', code: "import { ParleyThread } from '../elements/thread/thread.js';\nexport const t = ParleyThread;\n", rule: 'no-restricted-imports', what: 'core imports an element' },
  { path: 'src/core/boundary-probe.ts', code: 'export const title = (): string => document.title;\n', rule: 'no-restricted-globals', what: 'core touches the DOM' },
  { path: 'src/core/protocols/virola/boundary-probe.ts', code: "import type { ChatState } from '../../store.js';\nexport type S = ChatState;\n", rule: 'no-restricted-imports', what: 'a protocol imports the store' },
  { path: 'src/core/protocols/virola/boundary-probe.ts', code: "export const s = (host: { getState(): unknown }): unknown => host.getState();\n", rule: 'no-restricted-syntax', what: 'a protocol reads the state' },
  { path: 'src/core/protocols/virola/boundary-probe.ts', code: "export const pending = (id: string): boolean => id.startsWith('local:');\n", rule: 'no-restricted-syntax', what: 'a protocol tests the pending-id prefix' },
  { path: 'src/elements/boundary-probe.ts', code: "import { createAdapter } from '../core/protocols/virola/protocol.js';\nexport const a = createAdapter;\n", rule: 'no-restricted-imports', what: 'an element imports a protocol' },
];

// Type-aware rules need a program; the probes are checked by the boundary rules alone.
const eslint = new ESLint({ overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports' || ruleId === 'no-restricted-globals' || ruleId === 'no-restricted-syntax' });
let failed = 0;
for (const v of violations) {
  const [result] = await eslint.lintText(v.code, { filePath: v.path });
  const refused = result?.messages.some((m) => m.ruleId === v.rule);
  console.log(`${refused ? '✓' : '✗'} refused: ${v.what} (${v.path})`);

  if (!refused) failed++;
}
if (failed) {
  console.error(`${failed} boundary violation(s) were not refused: eslint.config.js no longer enforces the design`);
  process.exit(1);
}
