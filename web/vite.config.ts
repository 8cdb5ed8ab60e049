import { defineConfig } from 'vite';

/**
 * Builds the web client (web/) into dist/web, which the local stack serves at `/`.
 * `npx vite --config web/vite.config.ts` serves it with hot reload on :5173, proxying the API to :3000.
 */
export default defineConfig({
  root: import.meta.dirname,
  // Relative asset URLs, so the build works from any directory it is served under.
  base: './',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/local-uploads': 'http://127.0.0.1:3000',
      '/blogapp-config.js': 'http://127.0.0.1:3000',
    },
  },
});
