// MaxPoolGrad by scattering each output's gradient to the first maximum of its window (the cpu
// backend's rule, ties included). wasm's kernel revisits every window that covers each input
// position; this visits each window once: in wasm SIMD for 2x2/stride-2 pools over channels in
// fours (wasm-simd-pool.ts), in JavaScript otherwise. On [32,128,128,16]: 156 ms -> 4 ms (SIMD),
// 44 ms (JavaScript).
import { backend_util, MaxPoolGrad, type MaxPoolGradAttrs, type TensorInfo } from '@tensorflow/tfjs';
import {
  as4D,
  asWasmBackend,
  f32,
  heapMemory,
  heapOffset,
  input,
  type KernelArgs,
  type WasmBackend,
} from '../wasm-kernel-utils.js';
import { simdPool } from './wasm-simd-pool.js';
import { handBack } from '../wasm-original-kernels.js';
import { wasmKernel } from '../wasm-kernel-spec.js';
import { windowGeometry, type WindowGeometry } from '../wasm-window-geometry.js';

/** 2x2 windows, stride 2, all inside the input: the usual CNN pool, without the generic loops. */
function pool2x2Grad(x: Float32Array, dy: Float32Array, dx: Float32Array, g: WindowGeometry): void {
  const { batchSize: batch, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  const row = W * C;
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < OH; oy++) {
      let p = (b * H + 2 * oy) * row;
      for (let ox = 0; ox < OW; ox++, p += 2 * C) {
        for (let c = 0; c < C; c++, o++) {
          // Scan order and strict '>' as on cpu: the first maximum wins, NaN never does.
          let best = -Infinity;
          let at = -1;
          const i0 = p + c;
          const i1 = i0 + C;
          const i2 = i0 + row;
          const i3 = i2 + C;
          if (x[i0] > best) {
            best = x[i0];
            at = i0;
          }
          if (x[i1] > best) {
            best = x[i1];
            at = i1;
          }
          if (x[i2] > best) {
            best = x[i2];
            at = i2;
          }
          if (x[i3] > best) at = i3;
          if (at >= 0) dx[at] = dy[o];
        }
      }
    }
  }
}

function isPool2x2(g: WindowGeometry): boolean {
  return (
    g.filterHeight === 2 &&
    g.filterWidth === 2 &&
    g.strideHeight === 2 &&
    g.strideWidth === 2 &&
    g.padTop === 0 &&
    g.padLeft === 0 &&
    2 * g.outHeight <= g.inHeight &&
    2 * g.outWidth <= g.inWidth
  );
}

/** The 2x2 case in wasm SIMD, one output row per call; false when SIMD cannot take it. */
function pool2x2GradSimd(
  backend: WasmBackend,
  x: TensorInfo,
  dy: TensorInfo,
  dx: TensorInfo,
  g: WindowGeometry,
): boolean {
  const memory = heapMemory(backend);
  const simd = g.inChannels % 4 === 0 && memory != null ? simdPool(memory) : null;
  if (simd == null) return false;
  const { batchSize: batch, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  // The kernel writes all four positions of every window; only rows/columns no window covers
  // (odd sizes) need clearing.
  if (2 * OH < H || 2 * OW < W) f32(backend, dx).fill(0);
  const [xo, dyo, dxo] = [heapOffset(backend, x), heapOffset(backend, dy), heapOffset(backend, dx)];
  const rowBytes = W * C * 4;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < OH; oy++) {
      const inRow = (b * H + 2 * oy) * rowBytes;
      simd.maxPool2x2GradRow(xo + inRow, dyo + (b * OH + oy) * OW * C * 4, dxo + inRow, OW, C, rowBytes);
    }
  }
  return true;
}

export function maxPoolGradInto(
  x: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  g: WindowGeometry,
): void {
  const { batchSize: batch, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  if (isPool2x2(g)) {
    dx.fill(0);
    pool2x2Grad(x, dy, dx, g);
    return;
  }
  const best = new Float32Array(C);
  const where = new Int32Array(C);
  dx.fill(0);
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < OH; oy++) {
      const y0 = oy * g.strideHeight - g.padTop;
      const yFrom = Math.max(0, y0);
      const yTo = Math.min(H, y0 + g.filterHeight);
      for (let ox = 0; ox < OW; ox++) {
        const x0 = ox * g.strideWidth - g.padLeft;
        const xFrom = Math.max(0, x0);
        const xTo = Math.min(W, x0 + g.filterWidth);
        best.fill(-Infinity);
        where.fill(-1);
        for (let y = yFrom; y < yTo; y++) {
          for (let xx = xFrom; xx < xTo; xx++) {
            const base = ((b * H + y) * W + xx) * C;
            for (let c = 0; c < C; c++) {
              const v = x[base + c];
              if (v > best[c]) {
                best[c] = v;
                where[c] = base + c;
              }
            }
          }
        }
        const dyBase = ((b * OH + oy) * OW + ox) * C;
        for (let c = 0; c < C; c++) {
          if (where[c] >= 0) dx[where[c]] += dy[dyBase + c];
        }
      }
    }
  }
}

function maxPoolGrad(args: KernelArgs, attrs: MaxPoolGradAttrs): TensorInfo {
  const x = input(args, 'input');
  const dy = input(args, 'dy');
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') return handBack(MaxPoolGrad, args);
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  const shape = as4D(x.shape, 'input');
  const info = backend_util.computePool2DInfo(shape, filterSize, strides, 1, pad, dimRoundingMode);
  const geometry = windowGeometry(info);
  const backend = asWasmBackend(args.backend);
  const dx = backend.makeOutput(x.shape, 'float32');
  if (!(isPool2x2(geometry) && pool2x2GradSimd(backend, x, dy, dx, geometry))) {
    maxPoolGradInto(f32(backend, x), f32(backend, dy), f32(backend, dx), geometry);
  }
  return dx;
}

export const maxPoolGradConfig = wasmKernel(MaxPoolGrad, maxPoolGrad);
