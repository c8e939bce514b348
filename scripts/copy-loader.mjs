#!/usr/bin/env node
// Puts the classic-script loader beside the CDN build, minified.
import { readFileSync, writeFileSync } from 'node:fs';
import { transformSync } from 'esbuild';

const { code } = transformSync(readFileSync('src/loader/loader.js', 'utf8'), { minify: true, target: 'es2020' });
writeFileSync('dist/parley.loader.js', code);
