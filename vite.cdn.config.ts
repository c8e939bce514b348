// The CDN build: self-contained ESM (Lit and every dependency bundled, no bare imports) split so
// each protocol is its own chunk, loaded on first use. `dist/parley.loader.js` is the classic
// <script> that loads it: a page that talks to one backend downloads that backend only.
//
// Vite's library mode minifies `es` output without its whitespace (codegen off) and keeps `@__PURE__`
// annotations, for a consumer's bundler. This build goes to browsers as is, so rolldown's minifier runs
// in full (compress, mangle and codegen) and the annotations, which no one reads after it, are dropped.
//
// `preserveEntrySignatures: 'allow-extension'`: code the entry and a lazy chunk share (the URL check the
// lazily loaded sanitizer uses, the protocol runtime) lives in the entry, which a lazy chunk imports,
// instead of small shared chunks the entry would have to fetch first (one request, not eight). The entry
// gains exports under minified names; a page only ever calls its public ones. Lazy chunks import it as
// `./parley.js`, so a page must load it by that URL (the loader does), not with a query string.
import { defineConfig } from 'vite';
import { chunkFileName } from './build-chunks.js';
import { minifyLitCss } from './build-css.js';
import { stripOptionDocsPlugin } from './build-option-docs.js';

// `PARLEY_CDN_MINIFY=0 npx vite build -c vite.cdn.config.ts` (after `npm run build`) keeps names and lines, for
// reading a bench's CPU profile (BENCH_PROFILE); never for what ships or what the size check measures.
const minify = process.env.PARLEY_CDN_MINIFY !== '0';

export default defineConfig({
  // Lit `css` templates without comments and indentation (build-css.ts); options without their docs (build-option-docs.ts)
  plugins: [minifyLitCss(), stripOptionDocsPlugin()],
  build: {
    target: 'es2022',
    outDir: 'dist/cdn',
    emptyOutDir: true,
    sourcemap: true,
    minify,
    lib: { formats: ['es'], entry: { parley: 'src/index.ts' } },
    rolldownOptions: {
      preserveEntrySignatures: 'allow-extension',
      output: { chunkFileNames: chunkFileName, minify, comments: { annotation: false } },
    },
  },
});
