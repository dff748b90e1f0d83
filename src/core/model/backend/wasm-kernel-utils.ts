// Helpers for kernels that run inside tfjs-backend-wasm: they call the backend's own kernels
// directly (not through the engine, so intermediates never become tracked tensors) and read or
// write the wasm heap in place. These files import tfjs directly rather than ./tf.js: they extend
// the instance tfjs-backend-wasm registers into, which is always the bundled one.
import { getKernel, Transpose, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export type WasmBackend = Pick<
  BackendWasm,
  'dataIdMap' | 'makeOutput' | 'typedArrayFromHeap' | 'disposeData' | 'incRef' | 'wasm'
>;

export type KernelArgs = Parameters<KernelFunc>[0];

export function asWasmBackend(backend: unknown): WasmBackend {
  if (
    typeof backend === 'object' &&
    backend !== null &&
    'dataIdMap' in backend &&
    'makeOutput' in backend &&
    'typedArrayFromHeap' in backend
  ) {
    return backend as WasmBackend;
  }
  throw new Error('wasm training kernel called with a backend that is not tfjs-backend-wasm');
}

export function input(args: KernelArgs, name: string): TensorInfo {
  const t = args.inputs[name];
  if (t == null) throw new Error(`missing kernel input '${name}'`);
  return t;
}

/** Calls a kernel as registered for 'wasm' right now (ours if we replaced it). */
export function runWasmKernel(
  name: string,
  backend: WasmBackend,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const config = getKernel(name, 'wasm');
  if (config == null) throw new Error(`tfjs-backend-wasm has no '${name}' kernel`);
  return single(config.kernelFunc({ inputs, backend, attrs }), name);
}

export function single(out: TensorInfo | TensorInfo[], name: string): TensorInfo {
  if (Array.isArray(out)) {
    if (out.length !== 1) throw new Error(`kernel '${name}' returned ${out.length} outputs`);
    return out[0];
  }
  return out;
}

/** Frees kernel-internal intermediates (never the kernel's own inputs or its result). */
export function release(backend: WasmBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/**
 * A Float32Array view on a tensor's heap memory. Take views only after the last allocation of a
 * kernel: growing the wasm memory detaches earlier views.
 */
export function f32(backend: WasmBackend, info: TensorInfo): Float32Array {
  if (info.dtype !== 'float32') throw new Error(`expected float32, got ${info.dtype}`);
  const view = backend.typedArrayFromHeap(info);
  if (!(view instanceof Float32Array)) throw new Error('heap view is not a Float32Array');
  return view;
}

export function transpose(backend: WasmBackend, x: TensorInfo, perm: number[]): TensorInfo {
  return runWasmKernel(Transpose, backend, { x }, { perm });
}

export function as4D(shape: number[], what: string): [number, number, number, number] {
  if (shape.length !== 4) throw new Error(`${what} must be rank 4, got shape [${shape.join(', ')}]`);
  return [shape[0], shape[1], shape[2], shape[3]];
}

/** Byte offset of a tensor's data in the wasm heap. */
export function heapOffset(backend: WasmBackend, info: TensorInfo): number {
  return backend.dataIdMap.get(info.dataId).memoryOffset;
}

/** The backend's WebAssembly.Memory (emscripten exposes it as Module.asm.memory). */
export function heapMemory(backend: WasmBackend): WebAssembly.Memory | null {
  const asm = (backend.wasm as unknown as { asm?: { memory?: unknown } }).asm;
  return asm?.memory instanceof WebAssembly.Memory ? asm.memory : null;
}
