import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root (this file is src/server/renderer-build.ts). */
export const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function rendererOutDir(root = APP_ROOT): string {
  return path.join(root, 'out', 'renderer');
}

export function isRendererBuilt(root = APP_ROOT): boolean {
  return fs.existsSync(path.join(rendererOutDir(root), 'index.html'));
}

/**
 * Builds the renderer into out/renderer with Vite's JS API, so `ser serve` works right after `npm ci`.
 * Uses vite.renderer.config.ts when the project has one, else the renderer section of electron.vite.config.ts:
 * the same build the desktop app ships.
 */
export async function buildRenderer(root = APP_ROOT): Promise<string> {
  const vite = await import('vite');
  const standalone = path.join(root, 'vite.renderer.config.ts');
  if (fs.existsSync(standalone)) {
    await vite.build({ configFile: standalone, logLevel: 'warn' });
  } else {
    const mod = (await import(pathToFileURL(path.join(root, 'electron.vite.config.ts')).href)) as {
      rendererConfig: import('vite').InlineConfig;
    };
    await vite.build({ ...mod.rendererConfig, configFile: false, logLevel: 'warn' });
  }
  if (!isRendererBuilt(root))
    throw new Error(`the renderer build did not produce ${rendererOutDir(root)}/index.html`);
  return rendererOutDir(root);
}
