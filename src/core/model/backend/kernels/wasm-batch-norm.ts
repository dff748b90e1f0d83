// Batch normalisation in training, forward and backward, each as one kernel over the channels-last
// activation. tfjs-layers builds it from moments + batchNorm, whose gradient on wasm is some twenty
// full-size passes (tile, multiplies, transposed sums, the moments' own gradient): about 0.3 s of
// a 0.95 s step of the twin CNN. Here the forward is two passes and the backward two.
import type { TensorInfo } from '@tensorflow/tfjs';
import {
  asWasmBackend,
  f32,
  heapMemory,
  heapOffset,
  input,
  release,
  type KernelArgs,
  type WasmBackend,
} from '../wasm-kernel-utils.js';
import { simdAffine } from './wasm-simd-affine.js';
import { simdSums } from './wasm-simd-sums.js';
import { wasmKernel } from '../wasm-kernel-spec.js';

export const BATCH_NORM_TRAINING = 'EmotionStudioBatchNormTraining';
export const BATCH_NORM_TRAINING_GRAD = 'EmotionStudioBatchNormTrainingGrad';

export interface BatchNormTrainingAttrs {
  epsilon: number;
}

/**
 * Per channel of u, v [rows, C]: s = sum (u - ku) and p = sum (u - ku)(v - kv). Shifts near the
 * means keep the sums centred (no cancellation when a channel's mean is large against its spread).
 */
function channelSumsJs(
  u: Float32Array,
  v: Float32Array,
  ku: Float32Array,
  kv: Float32Array,
  c: number,
): { s: Float64Array; p: Float64Array } {
  const rows = u.length / c;
  const s = new Float64Array(c);
  const p = new Float64Array(c);
  let off = 0;
  for (let r = 0; r < rows; r++, off += c) {
    for (let k = 0; k < c; k++) {
      const a = u[off + k] - ku[k];
      s[k] += a;
      p[k] += a * (v[off + k] - kv[k]);
    }
  }
  return { s, p };
}

/** The same sums in wasm SIMD when the channels allow it (multiple of 4), else JavaScript. */
function channelSums(
  backend: WasmBackend,
  u: TensorInfo,
  v: TensorInfo,
  ku: Float32Array,
  kv: Float32Array,
  c: number,
): { s: Float64Array; p: Float64Array } {
  const memory = heapMemory(backend);
  const simd = c % 4 === 0 && memory != null ? simdSums(memory) : null;
  if (simd != null && memory != null) {
    const shift = backend.makeOutput([2 * c], 'float32');
    const acc = backend.makeOutput([4 * c], 'float32'); // room for 2c float64
    const at = heapOffset(backend, acc);
    if (at % 8 === 0) {
      const shifts = f32(backend, shift);
      shifts.set(ku, 0);
      shifts.set(kv, c);
      const totals = new Float64Array(memory.buffer, at, 2 * c);
      totals.fill(0);
      const pixels = f32(backend, u).length / c;
      simd.channelSums(
        heapOffset(backend, u),
        heapOffset(backend, v),
        heapOffset(backend, shift),
        pixels,
        c,
        at,
      );
      const result = { s: totals.slice(0, c), p: totals.slice(c, 2 * c) };
      release(backend, shift, acc);
      return result;
    }
    release(backend, shift, acc);
  }
  return channelSumsJs(f32(backend, u), f32(backend, v), ku, kv, c);
}

/** out = a[k] * u + b[k] * v + d[k] per channel k (v may be absent), in JavaScript. */
function affineJs(
  out: Float32Array,
  u: Float32Array,
  a: Float32Array,
  v: Float32Array | null,
  b: Float32Array,
  d: Float32Array,
  c: number,
): void {
  const n = out.length;
  if (v == null) {
    for (let off = 0; off < n; off += c) {
      for (let k = 0; k < c; k++) out[off + k] = a[k] * u[off + k] + d[k];
    }
    return;
  }
  for (let off = 0; off < n; off += c) {
    for (let k = 0; k < c; k++) out[off + k] = a[k] * u[off + k] + (b[k] * v[off + k] + d[k]);
  }
}

/** The same map with wasm SIMD when the channels allow it (multiple of 4), else JavaScript. */
function affine(
  backend: WasmBackend,
  out: TensorInfo,
  u: TensorInfo,
  v: TensorInfo | null,
  a: Float32Array,
  b: Float32Array,
  d: Float32Array,
  c: number,
): void {
  const memory = heapMemory(backend);
  const simd = c % 4 === 0 && memory != null ? simdAffine(memory) : null;
  if (simd == null) {
    affineJs(f32(backend, out), f32(backend, u), a, v == null ? null : f32(backend, v), b, d, c);
    return;
  }
  const coef = backend.makeOutput([3 * c], 'float32');
  const coefs = f32(backend, coef);
  coefs.set(a, 0);
  coefs.set(b, c);
  coefs.set(d, 2 * c);
  const pixels = f32(backend, out).length / c;
  const [o, uo, co] = [heapOffset(backend, out), heapOffset(backend, u), heapOffset(backend, coef)];
  if (v == null) simd.affine1(o, uo, uo, co, pixels, c);
  else simd.affine2(o, uo, heapOffset(backend, v), co, pixels, c);
  release(backend, coef);
}

/** Both kernels' outputs, allocated in this order: one like x [..., C], then two per channel [C]. */
function outputsFor(backend: WasmBackend, x: TensorInfo): [TensorInfo, TensorInfo, TensorInfo] {
  const c = x.shape[x.shape.length - 1];
  const full = backend.makeOutput(x.shape, 'float32');
  return [full, backend.makeOutput([c], 'float32'), backend.makeOutput([c], 'float32')];
}

/** Inputs x [..., C], gamma [C], beta [C]; outputs y (like x), batch mean [C], biased variance [C]. */
function batchNormTraining(args: KernelArgs, { epsilon }: BatchNormTrainingAttrs): TensorInfo[] {
  const backend = asWasmBackend(args.backend);
  const x = input(args, 'x');
  const gammaInfo = input(args, 'gamma');
  const betaInfo = input(args, 'beta');
  const c = x.shape[x.shape.length - 1];
  const [y, meanInfo, varInfo] = outputsFor(backend, x);
  const xs = f32(backend, x);
  const rows = xs.length / c;
  // The first row stands in for the mean: the sums are of (x - x0) and (x - x0)^2.
  const guess = xs.slice(0, c);
  const { s: sum, p: sq } = channelSums(backend, x, x, guess, guess, c);
  const gamma = f32(backend, gammaInfo);
  const beta = f32(backend, betaInfo);
  const mean = f32(backend, meanInfo);
  const variance = f32(backend, varInfo);
  const scale = new Float32Array(c);
  const shift = new Float32Array(c);
  for (let k = 0; k < c; k++) {
    const shifted = sum[k] / rows;
    const m = guess[k] + shifted;
    const v = Math.max(0, sq[k] / rows - shifted * shifted);
    mean[k] = m;
    variance[k] = v;
    scale[k] = gamma[k] / Math.sqrt(v + epsilon);
    shift[k] = beta[k] - m * scale[k];
  }
  affine(backend, y, x, null, scale, scale, shift, c);
  return [y, meanInfo, varInfo];
}

/**
 * Inputs dy, x, gamma, mean, variance (as returned by the forward); outputs dx, dgamma, dbeta.
 * With xhat = (x - mean) * inv, inv = 1 / sqrt(variance + eps), M rows:
 *   dbeta = sum dy, dgamma = sum dy * xhat,
 *   dx = gamma * inv * (dy - dbeta / M - xhat * dgamma / M)
 * which already includes the paths through the batch mean and variance.
 */
function batchNormTrainingGrad(args: KernelArgs, { epsilon }: BatchNormTrainingAttrs): TensorInfo[] {
  const backend = asWasmBackend(args.backend);
  const dyInfo = input(args, 'dy');
  const x = input(args, 'x');
  const c = x.shape[x.shape.length - 1];
  const [dxInfo, dgammaInfo, dbetaInfo] = outputsFor(backend, x);
  const rows = f32(backend, x).length / c;
  const mean = f32(backend, input(args, 'mean')).slice();
  // sum dy and sum dy * (x - mean), in one pass over both tensors.
  const { s: sdy, p: centred } = channelSums(backend, dyInfo, x, new Float32Array(c), mean, c);
  const gamma = f32(backend, input(args, 'gamma'));
  const variance = f32(backend, input(args, 'variance'));
  const dgamma = f32(backend, dgammaInfo);
  const dbeta = f32(backend, dbetaInfo);
  const a = new Float32Array(c);
  const b = new Float32Array(c);
  const d = new Float32Array(c);
  for (let k = 0; k < c; k++) {
    const inv = 1 / Math.sqrt(variance[k] + epsilon);
    dbeta[k] = sdy[k];
    dgamma[k] = centred[k] * inv;
    // dx = A dy + B x + D with A = gamma inv, B = -gamma inv^3 centred / M, D = -A sdy / M - B mean.
    a[k] = gamma[k] * inv;
    b[k] = (-gamma[k] * inv * inv * inv * centred[k]) / rows;
    d[k] = (-a[k] * sdy[k]) / rows - b[k] * mean[k];
  }
  affine(backend, dxInfo, dyInfo, x, a, b, d, c);
  return [dxInfo, dgammaInfo, dbetaInfo];
}

// Kernels of our own (tfjs has no training-mode batch norm kernel), registered for wasm only.
export const batchNormTrainingConfig = wasmKernel(BATCH_NORM_TRAINING, batchNormTraining);
export const batchNormTrainingGradConfig = wasmKernel(BATCH_NORM_TRAINING_GRAD, batchNormTrainingGrad);
