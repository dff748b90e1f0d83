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

/** What the renderer bundle is made of: its own code, the contract, the browser-safe engine, the build setup. */
const RENDERER_INPUTS = [
  'src/renderer',
  'src/common',
  'src/core',
  'vite.renderer.config.ts',
  'package-lock.json',
];

function newestMtimeMs(p: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtimeMs(path.join(p, entry)));
  return newest;
}

/**
 * True when out/renderer exists and was built after the last change to its sources, so an updated checkout
 * (`git pull`) never serves yesterday's app against today's server.
 */
export function isRendererCurrent(root = APP_ROOT): boolean {
  const index = path.join(rendererOutDir(root), 'index.html');
  if (!fs.existsSync(index)) return false;
  const built = fs.statSync(index).mtimeMs;
  return RENDERER_INPUTS.every((input) => newestMtimeMs(path.join(root, input)) <= built);
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
