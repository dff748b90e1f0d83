import { build } from 'vite';
import { fileURLToPath } from 'node:url';

/** The suite tests the renderer as it is now: build it once into out/renderer, which `ser serve` serves. */
export default async function setup(): Promise<void> {
  const configFile = fileURLToPath(new URL('../../../vite.renderer.config.ts', import.meta.url));
  await build({ configFile, logLevel: 'warn' });
}
