// Our kernels for the 'wasm' backend, before registration (wasm-grad-kernels.ts), each under the
// name tfjs gives the kernel it replaces (its exported constant, e.g. Conv2DBackpropFilter).
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import type { KernelArgs } from './wasm-kernel-utils.js';

/** A wasm kernel before registration (the backend name is always 'wasm'). */
export type WasmKernelSpec = Omit<KernelConfig, 'backendName'>;

/**
 * The config of a kernel that reads its attrs as `Attrs` (tfjs's type for that kernel, e.g.
 * Conv2DBackpropFilterAttrs). tfjs hands every kernel a NamedAttrMap; the one cast from it is here.
 * The kernel keeps `args` as given, to hand them unchanged to wasm's own kernel where it does not
 * apply.
 */
export function wasmKernel<Attrs extends object>(
  kernelName: string,
  kernelFunc: (args: KernelArgs, attrs: Attrs) => TensorInfo | TensorInfo[],
): WasmKernelSpec {
  return { kernelName, kernelFunc: (args) => kernelFunc(args, args.attrs as unknown as Attrs) };
}
