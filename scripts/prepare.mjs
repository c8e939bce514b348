#!/usr/bin/env node
// `prepare`: build dist/ when this install needs it (the rules and why: scripts/prepare-rules.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { buildReason, exportedDistFiles } from './prepare-rules.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const missing = exportedDistFiles(pkg).filter((f) => !existsSync(f));
const reason = buildReason({ command: process.env.npm_command, env: process.env, missing });
if (reason) {
  console.log(`prepare: ${reason}; running \`npm run build\`.`);
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
} else if (missing.length) {
  console.log(`prepare: dist/ not built (npm ${process.env.npm_command}); \`npm run build\` builds it, \`npm test\` does too.`);
}
