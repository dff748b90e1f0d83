import { describe, expect, it } from 'vitest';
import { computeNormStats, normalise, type Spectrogram } from '../../../src/core/features/index.js';

function spec(frames: number[][]): Spectrogram {
  return { frames: frames.length, bins: frames[0].length, data: Float32Array.from(frames.flat()) };
}

describe('normalisation', () => {
  it('computes per-bin mean and population std over all frames of all clips', () => {
    const stats = computeNormStats([
      spec([
        [1, -60],
        [3, -60],
      ]),
      spec([[5, -60]]),
    ]);
    expect(Array.from(stats.mean)).toEqual([3, -60]);
    expect(stats.std[0]).toBeCloseTo(Math.sqrt(8 / 3), 6);
    expect(stats.std[1]).toBe(0);
  });

  it('stays precise for dB values with a large offset', () => {
    const frames = Array.from({ length: 1000 }, (_, i) => [-80 + (i % 2 === 0 ? 0.001 : -0.001)]);
    const stats = computeNormStats([spec(frames)]);
    expect(stats.mean[0]).toBeCloseTo(-80, 5);
    expect(stats.std[0]).toBeCloseTo(0.001, 5);
  });

  it('standardises to zero mean and unit variance, and keeps a constant bin finite', () => {
    const train = [
      spec([
        [1, 7],
        [3, 7],
        [5, 7],
        [7, 7],
      ]),
    ];
    const stats = computeNormStats(train);
    const out = normalise(train[0], stats);
    const col0 = [0, 1, 2, 3].map((t) => out.data[t * 2]);
    expect(col0.reduce((a, b) => a + b) / 4).toBeCloseTo(0, 6);
    expect(col0.reduce((a, b) => a + b * b, 0) / 4).toBeCloseTo(1, 5);
    for (let t = 0; t < 4; t++) expect(out.data[t * 2 + 1]).toBe(0);
    // Unseen data uses the training statistics.
    expect(normalise(spec([[9, 8]]), stats).data[0]).toBeCloseTo((9 - 4) / Math.sqrt(5), 5);
    expect(Number.isFinite(normalise(spec([[9, 8]]), stats).data[1])).toBe(true);
  });

  it('accepts any iterable and rejects empty input or mismatched bins', () => {
    function* gen(): Generator<Spectrogram> {
      yield spec([[2]]);
      yield spec([[4]]);
    }
    expect(computeNormStats(gen()).mean[0]).toBe(3);
    expect(() => computeNormStats([])).toThrow(RangeError);
    expect(() => computeNormStats([spec([[1, 2]]), spec([[1]])])).toThrow(RangeError);
    expect(() => normalise(spec([[1]]), computeNormStats([spec([[1, 2]])]))).toThrow(RangeError);
  });
});
