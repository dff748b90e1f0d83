import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker module `name` (without extension) that lives beside this file. From a build it is the
 * compiled .js. From TypeScript sources (tsx, vitest) it is the .ts file, which a worker can only load once
 * tsx's loader is registered inside it: `execArgv: ['--import', 'tsx']` starts the worker but does not make
 * it resolve .ts (Node 20), so a two-line bootstrap registers tsx's API and then imports the worker module.
 */
export function spawnModelWorker(name: string, workerData: unknown): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  if (!fromSource) return new Worker(new URL(`./${name}.js`, import.meta.url), { workerData });
  const workerUrl = new URL(`./${name}.ts`, import.meta.url).href;
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(
    /\.cjs$/,
    '.mjs',
  );
  const bootstrap = `(async () => { const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(workerUrl)}); })().catch((e) => { throw e; });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
