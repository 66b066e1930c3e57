/**
 * Builds the single-page front end into dist/web, which the Express server serves on the same
 * origin as the API (so cookies and relative /api URLs just work). `npm run build:web`.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const webDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webDir,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
    // Modules run in import order even across chunks: zod-jitless.ts must configure zod before
    // any schema is built (see that file), and chunking would otherwise run shared chunks first.
    rolldownOptions: { output: { strictExecutionOrder: true } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
