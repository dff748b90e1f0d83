// MFCC from a log-mel dB spectrogram, as librosa.feature.mfcc(S=logMelDb, n_mfcc, dct_type=2, norm='ortho'):
// an orthonormal DCT-II across the mel axis of each frame, keeping the first nMfcc coefficients.

import { cachedBy } from '../util/cached.js';
import { DEFAULT_FEATURE_CONFIG } from './config.js';
import { detCosTurns } from './det-math.js';
import { createSpectrogram, type Spectrogram } from './spectrogram.js';

/** Rows k = 0..nOut-1 of the orthonormal DCT-II matrix of size n, row-major [nOut][n]: cos(pi k (2i+1) / 2n). */
export const dctIIOrthoMatrix: (n: number, nOut: number) => Float64Array = cachedBy(
  (n, nOut) => `${n}|${nOut}`,
  (n, nOut) => {
    const m = new Float64Array(nOut * n);
    for (let k = 0; k < nOut; k++) {
      const scale = k === 0 ? Math.sqrt(1 / n) : Math.sqrt(2 / n);
      for (let i = 0; i < n; i++) m[k * n + i] = scale * detCosTurns(k * (2 * i + 1), 4 * n);
    }
    return m;
  },
);

/** [frames][nMels] dB -> [frames][nMfcc]. */
export function mfcc(logMelDb: Spectrogram, nMfcc: number = DEFAULT_FEATURE_CONFIG.nMfcc): Spectrogram {
  const n = logMelDb.bins;
  if (!Number.isInteger(nMfcc) || nMfcc < 1 || nMfcc > n) {
    throw new RangeError(`nMfcc must be an integer in [1, ${n}], got ${nMfcc}`);
  }
  const dct = dctIIOrthoMatrix(n, nMfcc);
  const out = createSpectrogram(logMelDb.frames, nMfcc);
  const src = logMelDb.data;
  for (let t = 0; t < logMelDb.frames; t++) {
    const row = t * n;
    for (let k = 0; k < nMfcc; k++) {
      let acc = 0;
      const base = k * n;
      for (let i = 0; i < n; i++) acc += dct[base + i] * src[row + i];
      out.data[t * nMfcc + k] = acc;
    }
  }
  return out;
}
