// The kernels wasm had before we registered ours, so a replacement can hand back the cases it
// does not speed up.
import { getKernel, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { single, type KernelArgs } from './wasm-kernel-utils.js';

export const originalWasmKernels = new Map<string, KernelConfig | undefined>();

export function originalWasmKernel(kernelName: string): KernelFunc {
  const config = originalWasmKernels.has(kernelName)
    ? originalWasmKernels.get(kernelName)
    : getKernel(kernelName, 'wasm');
  if (config == null) throw new Error(`tfjs-backend-wasm has no '${kernelName}' kernel of its own`);
  return config.kernelFunc;
}

/** wasm's own single-output kernel on the arguments ours was given. */
export function handBack(kernelName: string, args: KernelArgs): TensorInfo {
  return single(originalWasmKernel(kernelName)(args), kernelName);
}
