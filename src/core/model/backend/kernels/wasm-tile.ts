// Tile as block copies on the wasm heap. The batch-norm gradient tiles a [1,1,1,C] tensor to the
// full activation shape; wasm's Tile (per-element index arithmetic) took 0.45-0.55 s on a
// [32,128,128,16] result, block copies take a few milliseconds.
import { Tile, type TensorInfo, type TileAttrs } from '@tensorflow/tfjs';
import { asWasmBackend, input, type KernelArgs } from '../wasm-kernel-utils.js';
import { handBack } from '../wasm-original-kernels.js';
import { wasmKernel } from '../wasm-kernel-spec.js';

type Heap = Float32Array | Int32Array | Uint8Array;

// Below this many elements a loop beats copyWithin's call overhead.
const SMALL_BLOCK = 64;

/** Repeats dst[off, off + block) `reps` times in place. */
function replicate(dst: Heap, off: number, block: number, reps: number): void {
  const total = block * reps;
  if (block < SMALL_BLOCK) {
    for (let i = block; i < total; i++) dst[off + i] = dst[off + i - block];
    return;
  }
  let filled = block;
  while (filled < total) {
    const n = Math.min(filled, total - filled);
    dst.copyWithin(off + filled, off, off + n);
    filled += n;
  }
}

export function tileInto(src: Heap, shape: number[], reps: number[], dst: Heap): void {
  const rank = shape.length;
  const srcStrides = new Array<number>(rank);
  const dstStrides = new Array<number>(rank);
  let s = 1;
  let d = 1;
  for (let a = rank - 1; a >= 0; a--) {
    srcStrides[a] = s;
    dstStrides[a] = d;
    s *= shape[a];
    d *= shape[a] * reps[a];
  }
  const fill = (axis: number, srcOff: number, dstOff: number): void => {
    if (axis === rank - 1) {
      const n = shape[axis];
      for (let i = 0; i < n; i++) dst[dstOff + i] = src[srcOff + i];
      replicate(dst, dstOff, n, reps[axis]);
      return;
    }
    for (let i = 0; i < shape[axis]; i++) {
      fill(axis + 1, srcOff + i * srcStrides[axis], dstOff + i * dstStrides[axis]);
    }
    replicate(dst, dstOff, shape[axis] * dstStrides[axis], reps[axis]);
  };
  if (rank === 0) dst[0] = src[0];
  else fill(0, 0, 0);
}

function tile(args: KernelArgs, { reps }: TileAttrs): TensorInfo {
  const backend = asWasmBackend(args.backend);
  const x = input(args, 'x');
  if (x.dtype === 'string' || x.dtype === 'complex64' || reps.length !== x.shape.length) {
    return handBack(Tile, args);
  }
  const out = backend.makeOutput(
    x.shape.map((n, i) => n * reps[i]),
    x.dtype,
  );
  if (out.shape.some((n) => n === 0)) return out;
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  if (src instanceof Float32Array || src instanceof Int32Array || src instanceof Uint8Array) {
    if (dst instanceof Float32Array || dst instanceof Int32Array || dst instanceof Uint8Array) {
      tileInto(src, x.shape, reps, dst);
      return out;
    }
  }
  throw new Error(`Tile: unexpected heap view for dtype ${x.dtype}`);
}

export const tileConfig = wasmKernel(Tile, tile);
