// Loading the native TensorFlow backends (tfjs-node-gpu, tfjs-node). The only backend file that
// touches Node APIs: select.ts imports it lazily, and only when running under Node, so the engine
// stays bundleable for the renderer.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bundledTf, type Tf } from '../tf.js';

export type NodePackage = '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node';

export type NodeLoad =
  { ok: true; tf: Tf; usingGpu: boolean; gpuName?: string } | { ok: false; reason: string };

const require = createRequire(import.meta.url);

function short(pkg: NodePackage): string {
  return pkg.replace('@tensorflow/', '');
}

function installed(pkg: NodePackage): boolean {
  try {
    require.resolve(`${pkg}/package.json`);
    return true;
  } catch {
    return false;
  }
}

/** Whether either native TensorFlow package is installed (loading it may still fail: training says so). */
export function nativeBackendInstalled(): boolean {
  return installed('@tensorflow/tfjs-node') || installed('@tensorflow/tfjs-node-gpu');
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0].slice(0, 200);
}

function isTf(value: unknown): value is Tf {
  return (
    typeof value === 'object' &&
    value !== null &&
    'findBackend' in value &&
    typeof value.findBackend === 'function' &&
    'setBackend' in value &&
    typeof value.setBackend === 'function'
  );
}

interface NativeBackend {
  isUsingGpuDevice?: unknown;
}

/**
 * Imports a tfjs-node package and returns the tfjs instance its 'tensorflow' backend lives in:
 * the bundled one when npm deduplicated tfjs-core (the usual case), else the package's own.
 */
export async function loadNodePackage(pkg: NodePackage): Promise<NodeLoad> {
  if (!installed(pkg)) return { ok: false, reason: `${short(pkg)}: not installed` };
  let mod: unknown;
  try {
    // A variable specifier: bundlers must not try to resolve an optional native package.
    const specifier: string = pkg;
    mod = await import(/* @vite-ignore */ specifier);
  } catch (err) {
    return { ok: false, reason: `${short(pkg)}: failed to load (${firstLine(err)})` };
  }
  const own = isTf(mod)
    ? mod
    : isTf((mod as { default?: unknown }).default)
      ? (mod as { default: Tf }).default
      : null;
  const tf = bundledTf.findBackend('tensorflow') != null ? bundledTf : own;
  if (tf == null || tf.findBackend('tensorflow') == null) {
    return { ok: false, reason: `${short(pkg)}: loaded but registered no 'tensorflow' backend` };
  }
  try {
    if (!(await tf.setBackend('tensorflow'))) {
      return { ok: false, reason: `${short(pkg)}: the 'tensorflow' backend failed to initialise` };
    }
  } catch (err) {
    return { ok: false, reason: `${short(pkg)}: the 'tensorflow' backend failed (${firstLine(err)})` };
  }
  const usingGpu = (tf.backend() as NativeBackend).isUsingGpuDevice === true;
  return { ok: true, tf, usingGpu, gpuName: usingGpu ? gpuName() : undefined };
}

/** Best effort, for the text shown to the user; TensorFlow itself does not report the name. */
function gpuName(): string | undefined {
  try {
    const out = execFileSync('nvidia-smi', ['--query-gpu=name', '--format=csv,noheader'], {
      encoding: 'utf8',
      timeout: 3000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.split('\n')[0].trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Folder holding tfjs-backend-wasm's .wasm binaries, for setWasmPaths. Its Node build finds them
 * next to itself already; being explicit keeps that true under test runners and bundlers.
 */
export function nodeWasmDir(): string | undefined {
  try {
    return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;
  } catch {
    return undefined;
  }
}
