// Per-bin standardisation. The statistics come from training speakers only; which spectrograms those are is the
// trainer's choice, so this file only accumulates what it is given.

import { createSpectrogram, type Spectrogram } from './spectrogram.js';

export interface NormStats {
  /** Per bin (mel band). */
  mean: Float32Array;
  std: Float32Array;
}

/** Below this a bin is treated as constant, so normalising does not blow up its rounding noise. */
export const MIN_STD = 1e-5;

/** Mean and population std of each bin over every frame of every spectrogram (frames weigh equally). */
export function computeNormStats(specs: Iterable<Spectrogram>): NormStats {
  let bins = -1;
  let sum: Float64Array | null = null;
  let sumSq: Float64Array | null = null;
  let shift: Float64Array | null = null;
  let count = 0;
  for (const spec of specs) {
    if (bins < 0) {
      bins = spec.bins;
      sum = new Float64Array(bins);
      sumSq = new Float64Array(bins);
    } else if (spec.bins !== bins) {
      throw new RangeError(`all spectrograms need the same number of bins: ${spec.bins} after ${bins}`);
    }
    if (spec.frames === 0 || !sum || !sumSq) continue;
    // Sums around the first frame seen, so dB values with a large offset do not lose precision.
    if (!shift) shift = Float64Array.from(spec.data.subarray(0, bins));
    const d = spec.data;
    for (let t = 0; t < spec.frames; t++) {
      const row = t * bins;
      for (let b = 0; b < bins; b++) {
        const v = d[row + b] - shift[b];
        sum[b] += v;
        sumSq[b] += v * v;
      }
    }
    count += spec.frames;
  }
  if (count === 0 || !sum || !sumSq || !shift)
    throw new RangeError('computeNormStats needs at least one frame');
  const mean = new Float32Array(bins);
  const std = new Float32Array(bins);
  for (let b = 0; b < bins; b++) {
    const m = sum[b] / count;
    mean[b] = shift[b] + m;
    std[b] = Math.sqrt(Math.max(0, sumSq[b] / count - m * m));
  }
  return { mean, std };
}

export function normalise(spec: Spectrogram, stats: NormStats): Spectrogram {
  const { frames, bins, data } = spec;
  if (stats.mean.length !== bins || stats.std.length !== bins) {
    throw new RangeError(`stats have ${stats.mean.length} bins, spectrogram ${bins}`);
  }
  const inv = new Float64Array(bins);
  for (let b = 0; b < bins; b++) inv[b] = 1 / Math.max(stats.std[b], MIN_STD);
  const out = createSpectrogram(frames, bins);
  for (let t = 0; t < frames; t++) {
    const row = t * bins;
    for (let b = 0; b < bins; b++) out.data[row + b] = (data[row + b] - stats.mean[b]) * inv[b];
  }
  return out;
}
