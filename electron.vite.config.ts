/**
 * Builds the desktop app: main (ESM, with the training utility process as a second entry), the preload
 * (CommonJS .cjs: sandboxed preloads cannot be ES modules, and package.json says "type": "module"), and the
 * Svelte renderer into out/renderer, which `ser serve` also serves to browsers.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import type { InlineConfig } from 'vite';
import rendererViteConfig from './vite.renderer.config.js';

const r = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * The renderer build, shared with web mode: vite.renderer.config.ts (the renderer's own config, which
 * `ser serve` uses to build out/renderer when it is missing) is the one source of truth for it.
 */
export const rendererConfig: InlineConfig = { ...rendererViteConfig, configFile: false };

export default defineConfig({
  main: {
    // The engine's better-sqlite3 becomes a shim that loads the Electron-ABI binary (bin/rebuild-electron.js).
    resolve: { alias: { 'better-sqlite3': r('./src/main/better-sqlite3-electron.ts') } },
    build: {
      outDir: r('./out/main'),
      // Bundled (not external) so the alias above applies; the shim itself loads the real package at run time.
      externalizeDeps: { exclude: ['better-sqlite3'] },
      rollupOptions: {
        input: {
          index: r('./src/main/index.ts'),
          'training-process': r('./src/main/training-process.ts'),
          // The learning engine prepares batches, and trains folds side by side, in worker_threads it loads
          // from beside its own code.
          'batch-worker': r('./src/core/model/training/node/batch-worker.ts'),
          'train-pool-worker': r('./src/core/model/training/node/train-pool-worker.ts'),
        },
        // Shared code beside the entries, not in chunks/: the engine finds its worker files next to its own
        // module (new URL('./batch-worker.js', import.meta.url)), wherever the bundler put that module.
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: r('./out/preload'),
      rollupOptions: {
        input: { index: r('./src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
