// Mel filterbank as librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax) with its defaults (Slaney scale, Slaney
// area normalisation). Kept in a sparse form too: each filter touches only a few FFT bins, so applying the sparse
// rows is about nMels*4 multiply-adds per frame instead of nMels*(nFft/2+1).

import { cachedBy } from '../util/cached.js';
import { assertValidFeatureConfig, type FeatureConfig } from './config.js';
import { hzToMel, melToHz } from './mel-scale.js';

export interface MelFilterbank {
  nMels: number;
  /** nFft/2 + 1 */
  nBins: number;
  /** nMels + 2 band edges in Hz: filter m rises from edges[m], peaks at edges[m+1], falls to edges[m+2]. */
  edges: Float64Array;
  /** Centre (peak) frequency of each filter in Hz: edges[1..nMels]. */
  centres: Float64Array;
  /** Dense weights [nMels][nBins], for inspection and tests. */
  weights: Float32Array[];
  /** Sparse rows: filter m covers bins [start[m], start[m] + length[m]) with values at offset[m] in `values`. */
  start: Int32Array;
  length: Int32Array;
  offset: Int32Array;
  values: Float64Array;
  /** Sum of each filter's weights over the FFT bins (the band's gain for a flat spectrum). */
  rowSum: Float64Array;
}

/** Shared, cached per (sampleRate, nFft, nMels, fmin, fmax): treat the result as read-only. */
export const melFilterbank: (cfg: FeatureConfig) => MelFilterbank = cachedBy(
  (cfg) => [cfg.sampleRate, cfg.nFft, cfg.nMels, cfg.fmin, cfg.fmax].join('|'),
  (cfg) => buildMelFilterbank(cfg),
);

/** The nMels + 2 band edges in Hz, evenly spaced on the mel scale from fmin to fmax. */
function melEdges(cfg: FeatureConfig): Float64Array {
  const { nMels } = cfg;
  const melMin = hzToMel(cfg.fmin);
  const melMax = hzToMel(cfg.fmax);
  const edges = new Float64Array(nMels + 2);
  for (let i = 0; i < nMels + 2; i++) edges[i] = melToHz(melMin + ((melMax - melMin) * i) / (nMels + 1));
  return edges;
}

/** Band m's triangle over the FFT bins (area-normalised), and its first and last non-zero bins (-1 if none). */
function melRow(
  m: number,
  edges: Float64Array,
  fftFreqs: Float64Array,
): { row: Float32Array; first: number; last: number } {
  const lowDiff = edges[m + 1] - edges[m];
  const highDiff = edges[m + 2] - edges[m + 1];
  const enorm = 2 / (edges[m + 2] - edges[m]);
  const row = new Float32Array(fftFreqs.length);
  let first = -1;
  let last = -1;
  for (let b = 0; b < fftFreqs.length; b++) {
    // Same expression as librosa: min of the rising and falling ramps, clipped at zero.
    const lower = (fftFreqs[b] - edges[m]) / lowDiff;
    const upper = (edges[m + 2] - fftFreqs[b]) / highDiff;
    const w = Math.max(0, Math.min(lower, upper)) * enorm;
    if (w > 0) {
      row[b] = w;
      if (first < 0) first = b;
      last = b;
    }
  }
  return { row, first, last };
}

function buildMelFilterbank(cfg: FeatureConfig): MelFilterbank {
  assertValidFeatureConfig(cfg);
  const { sampleRate, nFft, nMels } = cfg;
  const nBins = Math.floor(nFft / 2) + 1;
  const fftFreqs = new Float64Array(nBins);
  for (let b = 0; b < nBins; b++) fftFreqs[b] = (b * sampleRate) / nFft;
  const edges = melEdges(cfg);

  const weights: Float32Array[] = [];
  const start = new Int32Array(nMels);
  const length = new Int32Array(nMels);
  const offset = new Int32Array(nMels);
  const rowSum = new Float64Array(nMels);
  const sparse: number[] = [];
  for (let m = 0; m < nMels; m++) {
    const { row, first, last } = melRow(m, edges, fftFreqs);
    weights.push(row);
    offset[m] = sparse.length;
    if (first >= 0) {
      start[m] = first;
      length[m] = last - first + 1;
      for (let b = first; b <= last; b++) {
        sparse.push(row[b]);
        rowSum[m] += row[b];
      }
    }
  }
  return {
    nMels,
    nBins,
    edges,
    centres: edges.slice(1, nMels + 1),
    weights,
    start,
    length,
    offset,
    values: Float64Array.from(sparse),
    rowSum,
  };
}
