// Picks the fastest tfjs backend this machine can run, says why the better ones were not used, and
// prepares it for training (wasm needs our gradient kernels). Browser-safe: the native backends are
// loaded through ./node-backends.js only when running under Node.
import { registerWasmTrainingKernels } from '../wasm-grad-kernels.js';
import { bundledTf, useTfInstance } from '../tf.js';
import type { NodeLoad } from './node-backends.js';

import { BACKEND_NAMES, type BackendName, type BackendPreference } from '../../../../common/options.js';

export { BACKEND_NAMES, type BackendName, type BackendPreference };

export interface BackendInfo {
  name: BackendName;
  /** The name tfjs knows the backend by ('tensorflow', 'wasm', 'cpu'). */
  tfBackend: string;
  /** Shown to the user and recorded with a run, e.g. 'wasm (SIMD, 1 thread)'. */
  detail: string;
  /** Why each better backend was not used, e.g. 'tfjs-node: not installed'. */
  fallbacks: string[];
}

export interface SelectOptions {
  /** Where the .wasm binaries are served from (the renderer's bundler decides); Node finds them. */
  wasmPaths?: string;
}

export class BackendUnavailableError extends Error {
  constructor(
    readonly backend: BackendName,
    readonly reason: string,
  ) {
    super(`backend '${backend}' is not available here: ${reason}`);
    this.name = 'BackendUnavailableError';
  }
}

type Attempt = { ok: true; info: Omit<BackendInfo, 'fallbacks'> } | { ok: false; reason: string };

function isNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string';
}

// Both native packages register the same 'tensorflow' backend: load each at most once per process.
const nodeLoads = new Map<string, Promise<NodeLoad>>();

function loadNative(pkg: '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node'): Promise<NodeLoad> {
  let load = nodeLoads.get(pkg);
  if (load == null) {
    load = isNode()
      ? import('./node-backends.js').then((m) => m.loadNodePackage(pkg))
      : Promise.resolve({ ok: false, reason: `${pkg.replace('@tensorflow/', '')}: needs Node` });
    nodeLoads.set(pkg, load);
  }
  return load;
}

async function tryNodeGpu(): Promise<Attempt> {
  const load = await loadNative('@tensorflow/tfjs-node-gpu');
  if (!load.ok) return load;
  if (!load.usingGpu) return { ok: false, reason: 'tfjs-node-gpu: loaded, but TensorFlow sees no GPU' };
  useTfInstance(load.tf);
  const gpu = load.gpuName ?? 'GPU';
  return {
    ok: true,
    info: { name: 'node-gpu', tfBackend: 'tensorflow', detail: `tfjs-node-gpu (CUDA, ${gpu})` },
  };
}

async function tryNode(): Promise<Attempt> {
  // tfjs-node-gpu without a GPU is still native TensorFlow on the CPU, and once loaded it owns the
  // 'tensorflow' backend, so it stands in for tfjs-node.
  const gpuLoad = nodeLoads.get('@tensorflow/tfjs-node-gpu');
  const viaGpuPackage = gpuLoad != null ? await gpuLoad : null;
  if (viaGpuPackage?.ok) {
    await viaGpuPackage.tf.setBackend('tensorflow');
    useTfInstance(viaGpuPackage.tf);
    return {
      ok: true,
      info: {
        name: 'node',
        tfBackend: 'tensorflow',
        detail: 'tfjs-node-gpu (TensorFlow on CPU, no GPU visible)',
      },
    };
  }
  const load = await loadNative('@tensorflow/tfjs-node');
  if (!load.ok) return load;
  useTfInstance(load.tf);
  return { ok: true, info: { name: 'node', tfBackend: 'tensorflow', detail: 'tfjs-node (TensorFlow, CPU)' } };
}

async function tryWasm(options: SelectOptions): Promise<Attempt> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (options.wasmPaths != null) {
      wasm.setWasmPaths(options.wasmPaths);
    } else if (isNode() && bundledTf.findBackend('wasm') == null) {
      const dir = (await import('./node-backends.js')).nodeWasmDir();
      if (dir != null) wasm.setWasmPaths(dir);
    }
    registerWasmTrainingKernels();
    if (!(await bundledTf.setBackend('wasm'))) return { ok: false, reason: 'wasm: failed to initialise' };
    useTfInstance(bundledTf);
    const simd = (await bundledTf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
    const threads = wasm.getThreadsCount();
    const detail = `wasm (${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'})`;
    return { ok: true, info: { name: 'wasm', tfBackend: 'wasm', detail } };
  } catch (err) {
    const text =
      err instanceof Error ? err.message : typeof err === 'object' ? JSON.stringify(err) : String(err);
    return { ok: false, reason: `wasm: ${text.split('\n')[0]}` };
  }
}

async function tryCpu(): Promise<Attempt> {
  if (!(await bundledTf.setBackend('cpu'))) return { ok: false, reason: 'cpu: failed to initialise' };
  useTfInstance(bundledTf);
  return { ok: true, info: { name: 'cpu', tfBackend: 'cpu', detail: 'cpu (plain JavaScript, slow)' } };
}

function attempt(name: BackendName, options: SelectOptions): Promise<Attempt> {
  switch (name) {
    case 'node-gpu':
      return tryNodeGpu();
    case 'node':
      return tryNode();
    case 'wasm':
      return tryWasm(options);
    case 'cpu':
      return tryCpu();
  }
}

/**
 * Makes the chosen backend tfjs's current one and returns what was chosen. 'auto' tries node-gpu,
 * node, wasm, cpu in that order; naming a backend that cannot run here throws
 * BackendUnavailableError instead of silently using another.
 */
export async function selectBackend(
  preferred: BackendPreference = 'auto',
  options: SelectOptions = {},
): Promise<BackendInfo> {
  if (preferred !== 'auto') {
    if (!BACKEND_NAMES.includes(preferred)) throw new Error(`unknown backend '${String(preferred)}'`);
    const result = await attempt(preferred, options);
    if (!result.ok) throw new BackendUnavailableError(preferred, result.reason);
    return { ...result.info, fallbacks: [] };
  }
  const fallbacks: string[] = [];
  for (const name of BACKEND_NAMES) {
    const result = await attempt(name, options);
    if (result.ok) return { ...result.info, fallbacks };
    fallbacks.push(result.reason);
  }
  throw new Error(`no tfjs backend could be initialised: ${fallbacks.join('; ')}`);
}
