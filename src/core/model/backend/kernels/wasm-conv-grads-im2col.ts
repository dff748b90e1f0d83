// The input gradient of a convolution with few input channels (a spectrogram CNN's first layer has
// one) as one XNNPACK matrix product plus a col2im pass. As a forward convolution it is slow:
// XNNPACK vectorises over output channels, and this convolution has only as many as the layer has
// inputs. (Its result is usually thrown away, as nothing upstream of the first layer trains, but
// tfjs' fused conv2d computes it anyway.) The filter gradient stays a forward convolution: a
// matrix product would make XNNPACK pack the im2col matrix as weights, which costs more than the
// product itself (60 ms for 524288 x 9).
import { BatchMatMul, type TensorInfo } from '@tensorflow/tfjs';
import { f32, release, runWasmKernel, type WasmBackend } from '../wasm-kernel-utils.js';
import type { WindowGeometry } from '../wasm-window-geometry.js';

/** Below this many columns per output pixel (KH * KW * Cin) the im2col form wins. */
export const IM2COL_MAX_COLUMNS = 27;

function matMul(backend: WasmBackend, a: TensorInfo, b: TensorInfo): TensorInfo {
  // Only the untransposed single-batch form reaches XNNPACK in wasm's BatchMatMul.
  return runWasmKernel(BatchMatMul, backend, { a, b }, { transposeA: false, transposeB: false });
}

/** dx = col2im(dy W^T): each output pixel's gradient spread back over the taps that made it. */
export function inputGradCol2im(
  backend: WasmBackend,
  dy: TensorInfo,
  filter: TensorInfo,
  g: WindowGeometry,
): TensorInfo {
  const pixels = g.batchSize * g.outHeight * g.outWidth;
  const columns = g.filterHeight * g.filterWidth * g.inChannels;
  const wT = backend.makeOutput([1, g.outChannels, columns], 'float32');
  const w = f32(backend, filter);
  const wt = f32(backend, wT);
  for (let k = 0; k < columns; k++) {
    for (let o = 0; o < g.outChannels; o++) wt[o * columns + k] = w[k * g.outChannels + o];
  }
  const cols = matMul(backend, { ...dy, shape: [1, pixels, g.outChannels] }, wT);
  release(backend, wT);
  const dx = backend.makeOutput([g.batchSize, g.inHeight, g.inWidth, g.inChannels], 'float32');
  col2im(f32(backend, cols), f32(backend, dx), g);
  release(backend, cols);
  return dx;
}

/** dx[n, y, x, c] = sum of cols[n, oy, ox, (ky, kx, c)] over the taps that read input (y, x). */
export function col2im(cols: Float32Array, dx: Float32Array, g: WindowGeometry): void {
  const { batchSize, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  const { filterHeight: KH, filterWidth: KW, strideHeight: SH, strideWidth: SW, padTop, padLeft } = g;
  const columns = KH * KW * C;
  dx.fill(0);
  // One filter tap at a time, so the innermost loop runs along a row with fixed strides.
  for (let ky = 0; ky < KH; ky++) {
    for (let kx = 0; kx < KW; kx++) {
      // Output columns whose tap kx lands inside the input: 0 <= ox * SW - padLeft + kx < W.
      const oxFrom = Math.max(0, Math.ceil((padLeft - kx) / SW));
      const oxTo = Math.min(OW, Math.floor((W - 1 + padLeft - kx) / SW) + 1);
      if (oxFrom >= oxTo) continue;
      const tap = (ky * KW + kx) * C;
      for (let n = 0; n < batchSize; n++) {
        for (let oy = 0; oy < OH; oy++) {
          const y = oy * SH - padTop + ky;
          if (y < 0 || y >= H) continue;
          let src = ((n * OH + oy) * OW + oxFrom) * columns + tap;
          let dst = ((n * H + y) * W + oxFrom * SW - padLeft + kx) * C;
          for (let ox = oxFrom; ox < oxTo; ox++, src += columns, dst += SW * C) {
            for (let c = 0; c < C; c++) dx[dst + c] += cols[src + c];
          }
        }
      }
    }
  }
}
