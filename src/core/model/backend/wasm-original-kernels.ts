// The kernels wasm had before we registered ours, so a replacement can hand back the cases it
// does not speed up.
import { getKernel, type KernelConfig, type KernelFunc } from '@tensorflow/tfjs';

export const originalWasmKernels = new Map<string, KernelConfig | undefined>();

export function originalWasmKernel(kernelName: string): KernelFunc {
  const config = originalWasmKernels.has(kernelName)
    ? originalWasmKernels.get(kernelName)
    : getKernel(kernelName, 'wasm');
  if (config == null) throw new Error(`tfjs-backend-wasm has no '${kernelName}' kernel of its own`);
  return config.kernelFunc;
}
