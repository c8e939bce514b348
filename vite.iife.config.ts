// The all-in-one build for a classic <script> tag: everything bundled (Lit included), exposing
// `window.Parley` with `mount()`. An IIFE cannot split, so the protocol chunk is inlined.
import { defineConfig } from 'vite';
import { minifyLitCss } from './build-css.js';
import { stripOptionDocsPlugin } from './build-option-docs.js';

export default defineConfig({
  // Lit `css` templates without comments and indentation (build-css.ts); options without their docs (build-option-docs.ts)
  plugins: [minifyLitCss(), stripOptionDocsPlugin()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: true,
    lib: {
      entry: 'src/iife.ts',
      name: 'Parley',
      formats: ['iife'],
      fileName: () => 'parley.iife.js',
    },
  },
});
