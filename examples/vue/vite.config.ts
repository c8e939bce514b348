import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  base: './',
  // Vue renders `parley-*` tags as custom elements, not as components to resolve.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('parley-') } } })],
});
