// The CDN build: self-contained ESM (Lit and every dependency bundled, no bare imports) split so
// each protocol is its own chunk, loaded on first use. `dist/parley.loader.js` is the classic
// <script> that loads it: a page that talks to one backend downloads that backend only.
//
// Vite's library mode minifies `es` output without its whitespace (codegen off) and keeps `@__PURE__`
// annotations, for a consumer's bundler. This build goes to browsers as is, so rolldown's minifier runs
// in full (compress, mangle and codegen) and the annotations, which no one reads after it, are dropped.
import { defineConfig } from 'vite';
import { chunkFileName } from './build-chunks.js';

export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist/cdn',
    emptyOutDir: true,
    sourcemap: true,
    minify: true,
    lib: { formats: ['es'], entry: { parley: 'src/index.ts' } },
    rolldownOptions: {
      output: { chunkFileNames: chunkFileName, minify: true, comments: { annotation: false } },
    },
  },
});
