// Identity, and Cast to the dtype a tensor already has, that share the input's memory as the cpu
// backend's do. The engine clones (Identity) every tensor it saves for backprop and the ReLU
// gradient casts float32 to float32; wasm's kernels copy, which on the twin CNN meant ~70 copies
// per step, several of full 33 MB activations. tfjs tensors are immutable, so sharing is safe
// (wasm's own Reshape already shares).
import type { TensorInfo } from '@tensorflow/tfjs';
import { asWasmBackend, input, single, type KernelArgs } from './wasm-kernel-utils.js';
import { originalWasmKernel } from './wasm-original-kernels.js';
import type { WasmKernelSpec } from './wasm-kernel-spec.js';

function share(args: KernelArgs): TensorInfo {
  const x = input(args, 'x');
  asWasmBackend(args.backend).incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

function identity(args: KernelArgs): TensorInfo {
  if (input(args, 'x').dtype === 'string') return single(originalWasmKernel('Identity')(args), 'Identity');
  return share(args);
}

function cast(args: KernelArgs): TensorInfo {
  const x = input(args, 'x');
  const { dtype } = args.attrs as { dtype?: unknown };
  if (dtype !== x.dtype || x.dtype === 'string') return single(originalWasmKernel('Cast')(args), 'Cast');
  return share(args);
}

export const identityConfig: WasmKernelSpec = { kernelName: 'Identity', kernelFunc: identity };
export const castConfig: WasmKernelSpec = { kernelName: 'Cast', kernelFunc: cast };
