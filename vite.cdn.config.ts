// The CDN build: self-contained ESM (Lit and every dependency bundled, no bare imports) split so
// each protocol is its own chunk, loaded on first use. `dist/parley.loader.js` is the classic
// <script> that loads it: a page that talks to one backend downloads that backend only.
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
    rolldownOptions: { output: { chunkFileNames: chunkFileName } },
  },
});
