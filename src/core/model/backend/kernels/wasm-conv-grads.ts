// Both gradients of a 2-D convolution expressed as forward convolutions, so they run on
// XNNPACK's Conv2D instead of a missing kernel (Conv2DBackpropFilter, tfjs issue #8474) or a naive
// one (wasm's Conv2DBackpropInput). DESIGN.md measured the step going from 5.0 s to 1.9 s this way.
//
// Forward (NHWC, stride s, padding top pt / left pl, dilation 1):
//   y[n,oy,ox,co] = sum_{ky,kx,ci} x[n, oy*s - pt + ky, ox*s - pl + kx, ci] * w[ky,kx,ci,co]
// Filter gradient: dw[ky,kx,ci,co] = sum_{n,oy,ox} x[n, oy*s - pt + ky, ...] * dy[n,oy,ox,co], i.e.
//   a stride-1 convolution of x as [ci, H, W, n] ("batch" ci, "channels" n) with dy as a filter
//   [OH, OW, n, co] dilated by s, whose KH x KW output is dw as [ci, KH, KW, co].
// Input gradient: a full convolution of dy (stride-dilated) with w flipped in space and its
//   in/out channels swapped, padded by K - 1 - pad.
import {
  backend_util,
  Conv2D,
  Conv2DBackpropFilter,
  Conv2DBackpropInput,
  Slice,
  type Conv2DBackpropFilterAttrs,
  type Conv2DBackpropInputAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs';
import {
  as4D,
  asWasmBackend,
  f32,
  input,
  release,
  runWasmKernel,
  transpose,
  type KernelArgs,
  type WasmBackend,
} from '../wasm-kernel-utils.js';
import { wasmKernel } from '../wasm-kernel-spec.js';
import { filterGradDirect } from './wasm-filter-grad-direct.js';
import { IM2COL_MAX_COLUMNS, inputGradCol2im } from './wasm-conv-grads-im2col.js';
import { windowGeometry } from '../wasm-window-geometry.js';

type ExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];

function explicitPad(top: number, bottom: number, left: number, right: number): ExplicitPadding {
  return [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
}

/** The forward convolution's geometry, from either gradient's attrs. */
function forwardInfo(
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  { strides, pad, dataFormat, dimRoundingMode }: Conv2DBackpropFilterAttrs | Conv2DBackpropInputAttrs,
): backend_util.Conv2DInfo {
  if (backend_util.convertConv2DDataFormat(dataFormat) !== 'channelsLast') {
    throw new Error("wasm conv2d gradients support only dataFormat 'NHWC' (as wasm's Conv2D does)");
  }
  // Dilation 1; computeConv2DInfo's defaults: not depthwise, channels last.
  return backend_util.computeConv2DInfo(xShape, filterShape, strides, 1, pad, dimRoundingMode);
}

function fewInputColumns(info: backend_util.Conv2DInfo): boolean {
  return info.filterHeight * info.filterWidth * info.inChannels <= IM2COL_MAX_COLUMNS;
}

function conv2d(
  backend: WasmBackend,
  x: TensorInfo,
  filter: TensorInfo,
  dilations: [number, number],
  pad: ExplicitPadding,
): TensorInfo {
  return runWasmKernel(
    Conv2D,
    backend,
    { x, filter },
    { strides: [1, 1], pad, dataFormat: 'NHWC', dilations },
  );
}

function conv2DBackpropFilter(args: KernelArgs, attrs: Conv2DBackpropFilterAttrs): TensorInfo {
  const backend = asWasmBackend(args.backend);
  const x = input(args, 'x');
  const dy = input(args, 'dy');
  const info = forwardInfo(as4D(x.shape, 'x'), attrs.filterShape, attrs);
  const direct = filterGradDirect(backend, x, dy, info);
  if (direct != null) return direct;
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, padInfo } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = padInfo.top;
  const left = padInfo.left;
  // Rows/columns past the last window never reach dy: a negative far-side pad means cropping them.
  const bottom = (outHeight - 1) * strideHeight + filterHeight - inHeight - top;
  const right = (outWidth - 1) * strideWidth + filterWidth - inWidth - left;

  let source = x;
  if (bottom < 0 || right < 0) {
    source = runWasmKernel(
      Slice,
      backend,
      { x },
      {
        begin: [0, 0, 0, 0],
        size: [batchSize, inHeight + Math.min(bottom, 0), inWidth + Math.min(right, 0), inChannels],
      },
    );
  }
  const xT = transpose(backend, source, [3, 1, 2, 0]);
  const dyT = transpose(backend, dy, [1, 2, 0, 3]);
  const dwT = conv2d(
    backend,
    xT,
    dyT,
    [strideHeight, strideWidth],
    explicitPad(top, Math.max(bottom, 0), left, Math.max(right, 0)),
  );
  const dw = transpose(backend, dwT, [1, 2, 0, 3]);
  release(backend, xT, dyT, dwT);
  if (source !== x) release(backend, source);
  return dw;
}

/** w[kh, kw, ci, co] -> w'[kh, kw, co, ci] = w[KH-1-kh, KW-1-kw, ci, co]. */
function flipAndSwap(backend: WasmBackend, filter: TensorInfo): TensorInfo {
  const [kh, kw, ci, co] = as4D(filter.shape, 'filter');
  const out = backend.makeOutput([kh, kw, co, ci], 'float32');
  const src = f32(backend, filter);
  const dst = f32(backend, out);
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) {
      const from = ((kh - 1 - y) * kw + (kw - 1 - x)) * ci * co;
      const to = (y * kw + x) * co * ci;
      for (let i = 0; i < ci; i++) {
        for (let o = 0; o < co; o++) dst[to + o * ci + i] = src[from + i * co + o];
      }
    }
  }
  return out;
}

/**
 * dy [n, OH, OW, c] spread to stride-dilated positions, then padded (negative pads crop), in one
 * pass: the input of the stride-1 convolution that gives the input gradient.
 */
function dilateAndPad(
  backend: WasmBackend,
  dy: TensorInfo,
  strideH: number,
  strideW: number,
  [top, bottom, left, right]: [number, number, number, number],
): TensorInfo {
  const [n, oh, ow, c] = as4D(dy.shape, 'dy');
  const height = top + (oh - 1) * strideH + 1 + bottom;
  const width = left + (ow - 1) * strideW + 1 + right;
  const out = backend.makeOutput([n, height, width, c], 'float32');
  const src = f32(backend, dy);
  const dst = f32(backend, out);
  dst.fill(0);
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < oh; y++) {
      const row = y * strideH + top;
      if (row < 0 || row >= height) continue;
      for (let x = 0; x < ow; x++) {
        const col = x * strideW + left;
        if (col < 0 || col >= width) continue;
        const from = ((b * oh + y) * ow + x) * c;
        const to = ((b * height + row) * width + col) * c;
        for (let k = 0; k < c; k++) dst[to + k] = src[from + k];
      }
    }
  }
  return out;
}

function conv2DBackpropInput(args: KernelArgs, attrs: Conv2DBackpropInputAttrs): TensorInfo {
  const backend = asWasmBackend(args.backend);
  const dy = input(args, 'dy');
  const filter = input(args, 'filter');
  const info = forwardInfo(attrs.inputShape, as4D(filter.shape, 'filter'), attrs);
  if (fewInputColumns(info)) return inputGradCol2im(backend, dy, filter, windowGeometry(info));
  const { inHeight, inWidth, outHeight, outWidth, padInfo } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const top = filterHeight - 1 - padInfo.top;
  const left = filterWidth - 1 - padInfo.left;
  const bottom = inHeight + filterHeight - 1 - ((outHeight - 1) * strideHeight + 1) - top;
  const right = inWidth + filterWidth - 1 - ((outWidth - 1) * strideWidth + 1) - left;

  const flipped = flipAndSwap(backend, filter);
  let dx: TensorInfo;
  if (strideHeight === 1 && strideWidth === 1 && Math.min(top, bottom, left, right) >= 0) {
    // XNNPACK pads implicitly: no copy of dy needed.
    dx = conv2d(backend, dy, flipped, [1, 1], explicitPad(top, bottom, left, right));
  } else {
    const spread = dilateAndPad(backend, dy, strideHeight, strideWidth, [top, bottom, left, right]);
    dx = conv2d(backend, spread, flipped, [1, 1], explicitPad(0, 0, 0, 0));
    release(backend, spread);
  }
  release(backend, flipped);
  return dx;
}

export const conv2DBackpropFilterConfig = wasmKernel(Conv2DBackpropFilter, conv2DBackpropFilter);
export const conv2DBackpropInputConfig = wasmKernel(Conv2DBackpropInput, conv2DBackpropInput);
