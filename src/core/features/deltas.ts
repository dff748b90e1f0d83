// Delta features, librosa.feature.delta(data, width, order, axis=time, mode='interp'): a Savitzky–Golay derivative
// of polynomial order `order` over `width` frames. Interior frames use the centred filter; the first and last
// width/2 frames evaluate the polynomial fitted to the first or last `width` frames (scipy's mode='interp').

import { createSpectrogram, type Spectrogram } from './spectrogram.js';

/** Integer power by repeated multiplication: exact for the small integers used here, in every engine. */
function ipow(z: number, k: number): number {
  let r = 1;
  for (let i = 0; i < k; i++) r *= z;
  return r;
}

/**
 * d-th derivative at position `pos` (0..width-1) of the least-squares polynomial of degree `degree` through a
 * window of `width` samples, as weights on those samples.
 */
function savgolWeights(width: number, degree: number, deriv: number, pos: number): Float64Array {
  const half = (width - 1) / 2;
  const p = degree + 1;
  // Normal equations in centred coordinates z = i - half, for conditioning.
  const ata = new Float64Array(p * p);
  for (let i = 0; i < width; i++) {
    const z = i - half;
    for (let r = 0; r < p; r++) for (let c = 0; c < p; c++) ata[r * p + c] += ipow(z, r + c);
  }
  const z0 = pos - half;
  const g = new Float64Array(p);
  for (let j = deriv; j < p; j++) {
    let fall = 1;
    for (let q = 0; q < deriv; q++) fall *= j - q;
    g[j] = fall * ipow(z0, j - deriv);
  }
  const y = solveSymmetric(ata, g, p);
  const w = new Float64Array(width);
  for (let i = 0; i < width; i++) {
    const z = i - half;
    let acc = 0;
    for (let j = 0; j < p; j++) acc += y[j] * ipow(z, j);
    w[i] = acc;
  }
  return w;
}

/** Gaussian elimination with partial pivoting; the systems here are at most 3x3. */
function solveSymmetric(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = a.slice();
  const x = b.slice();
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]) > Math.abs(m[piv * n + col])) piv = r;
    if (piv !== col) {
      for (let c = 0; c < n; c++) [m[col * n + c], m[piv * n + c]] = [m[piv * n + c], m[col * n + c]];
      [x[col], x[piv]] = [x[piv], x[col]];
    }
    for (let r = col + 1; r < n; r++) {
      const f = m[r * n + col] / m[col * n + col];
      for (let c = col; c < n; c++) m[r * n + c] -= f * m[col * n + c];
      x[r] -= f * x[col];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let acc = x[r];
    for (let c = r + 1; c < n; c++) acc -= m[r * n + c] * x[c];
    x[r] = acc / m[r * n + r];
  }
  return x;
}

/**
 * Deltas along time for every bin. librosa refuses clips shorter than `width` frames; here the width shrinks to
 * the longest odd window that fits, and a clip too short for any fit gets zeros.
 */
export function deltas(spec: Spectrogram, width = 9, order: 1 | 2 = 1): Spectrogram {
  if (!Number.isInteger(width) || width < 3 || width % 2 !== 1) {
    throw new RangeError(`width must be an odd integer >= 3, got ${width}`);
  }
  if (order !== 1 && order !== 2) throw new RangeError(`order must be 1 or 2, got ${String(order)}`);
  const { frames, bins, data } = spec;
  const out = createSpectrogram(frames, bins);
  const w = Math.min(width, frames % 2 === 1 ? frames : frames - 1);
  if (w <= order) return out;
  const half = (w - 1) / 2;
  const weightsAt: Float64Array[] = [];
  for (let pos = 0; pos < w; pos++) weightsAt.push(savgolWeights(w, order, order, pos));

  const acc = new Float64Array(bins);
  for (let t = 0; t < frames; t++) {
    let winStart: number;
    let weights: Float64Array;
    if (t < half) {
      winStart = 0;
      weights = weightsAt[t];
    } else if (t >= frames - half) {
      winStart = frames - w;
      weights = weightsAt[t - winStart];
    } else {
      winStart = t - half;
      weights = weightsAt[half];
    }
    acc.fill(0);
    for (let k = 0; k < w; k++) {
      const wk = weights[k];
      const src = (winStart + k) * bins;
      for (let b = 0; b < bins; b++) acc[b] += wk * data[src + b];
    }
    out.data.set(acc, t * bins);
  }
  return out;
}
