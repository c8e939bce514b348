// Library build: ESM, one entry per public module, each protocol in its own lazy chunk.
// Lit and the other dependencies stay external, for bundlers and CDNs that resolve them.
import { defineConfig } from 'vite';
import { chunkFileName } from './build-chunks.js';
import { minifyLitCss } from './build-css.js';
import pkg from './package.json' with { type: 'json' };

const external = Object.keys(pkg.dependencies).map((d) => new RegExp(`^${d}(/.*)?$`));

export default defineConfig({
  plugins: [minifyLitCss()], // Lit `css` templates without comments and indentation (build-css.ts)
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true, // first of the two builds: start clean
    sourcemap: true,
    minify: true,
    lib: {
      formats: ['es'],
      entry: {
        parley: 'src/index.ts',
        core: 'src/core/index.ts',
        runtime: 'src/core/runtime/index.ts',
        testing: 'src/core/testing.ts',
        'parley-chat': 'src/elements/chat/define.ts',
        'parley-conversation-list': 'src/elements/conversation-list/define.ts',
        'parley-thread': 'src/elements/thread/define.ts',
        'parley-typing-indicator': 'src/elements/typing-indicator/define.ts',
        'parley-composer': 'src/elements/composer/define.ts',
      },
    },
    rolldownOptions: {
      external,
      output: { chunkFileNames: (chunk) => `chunks/${chunkFileName(chunk)}` },
    },
  },
});
