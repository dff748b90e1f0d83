import { describe, expect, it } from 'vitest';
import {
  dctIIOrthoMatrix,
  DEFAULT_FEATURE_CONFIG,
  logMelSpectrogram,
  mfcc,
} from '../../../src/core/features/index.js';
import { loadReference } from './reference-fixtures.js';

describe('mfcc', () => {
  it('uses an orthonormal DCT-II', () => {
    const n = 64;
    const m = dctIIOrthoMatrix(n, n);
    for (let a = 0; a < n; a += 7) {
      for (let b = 0; b < n; b += 5) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += m[a * n + i] * m[b * n + i];
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 10);
      }
    }
  });

  it('maps a constant log-mel frame to c0 = sqrt(N) * value and nothing else', () => {
    const spec = { frames: 2, bins: 64, data: new Float32Array(128).fill(-20) };
    const out = mfcc(spec, 13);
    expect([out.frames, out.bins]).toEqual([2, 13]);
    expect(out.data[0]).toBeCloseTo(-20 * 8, 4);
    for (let k = 1; k < 13; k++) expect(Math.abs(out.data[k])).toBeLessThan(1e-4);
  });

  it.each(['tone1k', 'chirp', 'speech'] as const)(
    '%s matches librosa (top_db 80 log-mel, as its config says)',
    (name) => {
      const ref = loadReference(name);
      expect(ref.config.dct).toBe('type II, orthonormal');
      const ours = mfcc(
        logMelSpectrogram(ref.samples, DEFAULT_FEATURE_CONFIG, { topDb: 80 }),
        Number(ref.config.n_mfcc),
      );
      expect([ours.frames, ours.bins]).toEqual([ref.mfcc.frames, ref.mfcc.bins]);
      for (let i = 0; i < ours.data.length; i++)
        expect(Math.abs(ours.data[i] - ref.mfcc.data[i])).toBeLessThan(0.01);
    },
  );

  it('rejects more coefficients than mel bands', () => {
    expect(() => mfcc({ frames: 1, bins: 10, data: new Float32Array(10) }, 11)).toThrow(RangeError);
  });
});
