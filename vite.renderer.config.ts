import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { injectCsp } from './src/common/csp.js';

// The renderer alone, for web mode (`ser serve` builds it with this when out/renderer is missing) and for
// the e2e tests. electron.vite.config.ts builds the same entry (src/renderer/index.html) into the same folder.
const root = fileURLToPath(new URL('./src/renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./out/renderer', import.meta.url));

const require = createRequire(import.meta.url);
function isInstalled(pkg: string): boolean {
  try {
    require.resolve(`${pkg}/package.json`);
    return true;
  } catch {
    return false;
  }
}

export default defineConfig({
  root,
  base: './',
  // The meta tag's policy is written from the same source as the servers' headers (src/common/csp.ts).
  plugins: [svelte({ configFile: false }), { name: 'studio-csp', transformIndexHtml: injectCsp }],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // tfjs (the Predict screen's in-page model) and the engine's lazily loaded resampler are big chunks
    // by nature; neither is part of the app's first load.
    chunkSizeWarningLimit: 2500,
    // The audio worklet must be a real file: the CSP allows scripts from 'self' only, never data: URLs.
    assetsInlineLimit: (file) => (file.endsWith('.worklet.js') ? false : undefined),
    rolldownOptions: {
      // The engine's prediction module (loaded by the Predict screen) reaches audio-decode, which lazily
      // imports optional codec packages; one that isn't installed must not fail the build. The page never
      // decodes files itself (the server does), so those imports are never taken.
      external: (id) => id.startsWith('@audio/decode-') && !isInstalled(id),
      onLog(level, log, handler) {
        // wavesurfer's spectrogram plugin names worker_threads on a Node-only path it never takes here
        if (log.message.includes('"worker_threads" has been externalized')) return;
        handler(level, log);
      },
    },
  },
  server: {
    host: '127.0.0.1',
    // For `npx vite --config vite.renderer.config.ts` against a running `ser serve`: STUDIO_API=http://127.0.0.1:PORT
    proxy: process.env.STUDIO_API
      ? { '/api': { target: process.env.STUDIO_API, changeOrigin: true } }
      : undefined,
  },
});
