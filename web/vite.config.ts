import { defineConfig, type UserConfig } from 'vite';
import { loadConfig } from '../src/config/config.js';
import { localStackUrls } from '../src/local/running-stack.js';

/**
 * Builds the web client (web/) into dist/web, which the local stack serves at `/`.
 * `make web-dev` serves it with hot reload on :5173, proxying the API to the running `make local` (found
 * through its data dir, whatever port it started on).
 */
export default defineConfig(async ({ command }): Promise<UserConfig> => {
  const api = command === 'serve' ? (await localStackUrls(loadConfig())).apiUrl : '';
  return {
    root: import.meta.dirname,
    // Relative asset URLs, so the build works from any directory it is served under.
    base: './',
    build: {
      outDir: '../dist/web',
      emptyOutDir: true,
      target: 'es2022',
      // Rolldown warns when plugins took a large share of the build's time: on a busy machine (CI, tests
      // beside it) that share crosses its line by chance, and it says nothing about what was built.
      rolldownOptions: { checks: { bundlerTimings: false } },
    },
    oxc: { jsx: { runtime: 'automatic' as const, importSource: 'preact' } },
    server: {
      port: 5173,
      proxy: Object.fromEntries(['/api', '/local-uploads', '/blogapp-config.js'].map((path) => [path, api])),
    },
  };
});
