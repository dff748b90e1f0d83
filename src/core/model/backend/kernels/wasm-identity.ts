// Identity, and Cast to the dtype a tensor already has, that share the input's memory as the cpu
// backend's do. The engine clones (Identity) every tensor it saves for backprop and the ReLU
// gradient casts float32 to float32; wasm's kernels copy, which on the twin CNN meant ~70 copies
// per step, several of full 33 MB activations. tfjs tensors are immutable, so sharing is safe
// (wasm's own Reshape already shares).
import { Cast, Identity, type CastAttrs, type TensorInfo } from '@tensorflow/tfjs';
import { asWasmBackend, input, type KernelArgs } from '../wasm-kernel-utils.js';
import { handBack } from '../wasm-original-kernels.js';
import { wasmKernel } from '../wasm-kernel-spec.js';

function share(args: KernelArgs): TensorInfo {
  const x = input(args, 'x');
  asWasmBackend(args.backend).incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

function identity(args: KernelArgs): TensorInfo {
  if (input(args, 'x').dtype === 'string') return handBack(Identity, args);
  return share(args);
}

function cast(args: KernelArgs, { dtype }: CastAttrs): TensorInfo {
  const x = input(args, 'x');
  if (dtype !== x.dtype || x.dtype === 'string') return handBack(Cast, args);
  return share(args);
}

export const identityConfig = wasmKernel(Identity, identity);
export const castConfig = wasmKernel(Cast, cast);
