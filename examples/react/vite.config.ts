import { defineConfig } from 'vite';

// Vite compiles TSX itself (React's automatic runtime); no plugin needed for a build.
export default defineConfig({
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
});
