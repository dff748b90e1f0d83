// Drives the SIMD filter-gradient kernel (wasm-simd-filter-grad.ts): zero-pads the input once so
// that every tap of every output pixel is a plain load, builds the table of tap offsets, and runs
// the kernel one output row at a time. Works for any stride and padding; needs a multiple of 8
// output channels (the kernel's tile width).
import type { TensorInfo, backend_util } from '@tensorflow/tfjs';
import { f32, heapMemory, heapOffset, release, type WasmBackend } from '../wasm-kernel-utils.js';
import { simdFilterGrad } from './wasm-simd-filter-grad.js';

/** The filter gradient [KH, KW, Cin, Cout], or null when this path does not apply. */
export function filterGradDirect(
  backend: WasmBackend,
  x: TensorInfo,
  dy: TensorInfo,
  info: backend_util.Conv2DInfo,
): TensorInfo | null {
  const {
    batchSize: N,
    inHeight: H,
    inWidth: W,
    inChannels: C,
    outHeight: OH,
    outWidth: OW,
    outChannels: CO,
  } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: SH, strideWidth: SW } = info;
  const memory = heapMemory(backend);
  const kernel = CO % 8 === 0 && memory != null ? simdFilterGrad(memory) : null;
  if (kernel == null) return null;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  // Exactly the rows and columns some window reads; zeros where they fall in the padding.
  const HP = (OH - 1) * SH + KH;
  const WP = (OW - 1) * SW + KW;
  const rows = KH * KW * C;
  const paddedRows = Math.ceil(rows / 4) * 4;

  const xp = backend.makeOutput([N, HP, WP, C], 'float32');
  const offsets = backend.makeOutput([paddedRows], 'int32');
  const acc = backend.makeOutput([paddedRows, CO], 'float32');

  const src = f32(backend, x);
  const dst = f32(backend, xp);
  dst.fill(0);
  const colFrom = Math.max(0, left);
  const colTo = Math.min(WP, W + left);
  if (colFrom < colTo) {
    for (let n = 0; n < N; n++) {
      for (let y = 0; y < HP; y++) {
        const sy = y - top;
        if (sy < 0 || sy >= H) continue;
        const from = ((n * H + sy) * W + (colFrom - left)) * C;
        dst.set(src.subarray(from, from + (colTo - colFrom) * C), ((n * HP + y) * WP + colFrom) * C);
      }
    }
  }
  const table = backend.typedArrayFromHeap(offsets);
  for (let m = 0; m < paddedRows; m++) {
    if (m >= rows) {
      table[m] = 0; // padding rows of the tile: read anything valid, land in rows we drop
      continue;
    }
    const c = m % C;
    const kx = Math.floor(m / C) % KW;
    const ky = Math.floor(m / (C * KW));
    table[m] = ((ky * WP + kx) * C + c) * 4;
  }
  f32(backend, acc).fill(0);

  const [xo, dyo, acco, offo] = [
    heapOffset(backend, xp),
    heapOffset(backend, dy),
    heapOffset(backend, acc),
    heapOffset(backend, offsets),
  ];
  for (let n = 0; n < N; n++) {
    for (let oy = 0; oy < OH; oy++) {
      kernel.filterGradRow(
        xo + (n * HP + oy * SH) * WP * C * 4,
        dyo + (n * OH + oy) * OW * CO * 4,
        acco,
        offo,
        paddedRows / 4,
        CO / 8,
        OW,
        SW * C * 4,
        CO * 4,
      );
    }
  }
  release(backend, xp, offsets);
  if (paddedRows === rows) return { ...acc, shape: [KH, KW, C, CO] };
  const dw = backend.makeOutput([KH, KW, C, CO], 'float32');
  f32(backend, dw).set(f32(backend, acc).subarray(0, rows * CO));
  release(backend, acc);
  return dw;
}
