// Registers, for the 'wasm' backend, the kernels that make training a conv net on it possible and
// fast. Kernels that wasm already has are replaced; the originals stay reachable
// (wasm-original-kernels.ts) for the cases a replacement does not speed up.
import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs';
// wasm's own kernels must be registered before ours replace some of them (a later registration of
// theirs would silently win).
import '@tensorflow/tfjs-backend-wasm';
import { batchNormTrainingConfig, batchNormTrainingGradConfig } from './kernels/wasm-batch-norm.js';
import { conv2DBackpropFilterConfig, conv2DBackpropInputConfig } from './kernels/wasm-conv-grads.js';
import type { WasmKernelSpec } from './wasm-kernel-spec.js';
import { castConfig, identityConfig } from './kernels/wasm-identity.js';
import { maxPoolGradConfig } from './kernels/wasm-max-pool-grad.js';
import { meanConfig, sumConfig } from './kernels/wasm-reduce.js';
import { tileConfig } from './kernels/wasm-tile.js';
import { originalWasmKernels as originals } from './wasm-original-kernels.js';

export function wasmTrainingKernels(): WasmKernelSpec[] {
  return [
    conv2DBackpropFilterConfig,
    conv2DBackpropInputConfig,
    maxPoolGradConfig,
    sumConfig,
    meanConfig,
    tileConfig,
    batchNormTrainingConfig,
    batchNormTrainingGradConfig,
    identityConfig,
    castConfig,
  ];
}

export function wasmTrainingKernelsRegistered(): boolean {
  return originals.size > 0;
}

/**
 * Idempotent. Works before or after the wasm backend is initialised: our kernels need no setup of
 * their own, and a replaced kernel keeps its original setup in case wasm is initialised again.
 */
export function registerWasmTrainingKernels(): void {
  if (wasmTrainingKernelsRegistered()) return;
  for (const spec of wasmTrainingKernels()) {
    const existing = getKernel(spec.kernelName, 'wasm');
    originals.set(spec.kernelName, existing);
    if (existing != null) unregisterKernel(spec.kernelName, 'wasm');
    registerKernel({
      setupFunc: existing?.setupFunc,
      disposeFunc: existing?.disposeFunc,
      ...spec,
      backendName: 'wasm',
    });
  }
}

/** Puts wasm's own kernels back (for measuring against them). */
export function unregisterWasmTrainingKernels(): void {
  for (const [kernelName, original] of originals) {
    unregisterKernel(kernelName, 'wasm');
    if (original != null) registerKernel(original);
  }
  originals.clear();
}
