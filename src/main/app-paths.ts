import { fileURLToPath } from 'node:url';

// This code is bundled into out/main/; the other build outputs sit beside it.
const here = (rel: string): string => fileURLToPath(new URL(rel, import.meta.url));

export const appPaths = {
  preload: here('../preload/index.cjs'),
  rendererDir: here('../renderer'),
  trainingProcess: here('./training-process.js'),
  readme: here('../../README.md'),
};

/** electron-vite's dev server for the renderer (set by `electron-vite dev`), if running in development. */
export const devServerUrl: string | undefined = process.env.ELECTRON_RENDERER_URL || undefined;
