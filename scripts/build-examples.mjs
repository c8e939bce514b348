#!/usr/bin/env node
// Builds examples/react and examples/vue with Vite (into each one's dist/) and type-checks the
// React one with the JSX types of `parley-chat/react`, as their users would. examples/html needs
// no build. test/build/examples.test.ts then chats through each in Chromium. Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { build } from 'vite';

for (const name of ['react', 'vue']) {
  await build({ root: `examples/${name}`, configFile: `examples/${name}/vite.config.ts`, logLevel: 'warn' });
  console.log(`✓ examples/${name} built`);
}
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'examples/react'], { stdio: 'inherit' });
console.log('✓ examples/react type-checks (tsc, JSX types from parley-chat/react)');
