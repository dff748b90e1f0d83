// Clip statistics and per-speaker standardisation: a speaker recorded louder or through another microphone
// is, to the classic baseline, the same voice.
import { describe, expect, it } from 'vitest';
import {
  classicProbs,
  clipStatistics,
  clipStatisticsLength,
  featureStats,
  fitClassic,
  standardiseWith,
} from '../../../src/core/classic/index.js';
import { createRng } from '../../../src/core/util/random.js';

describe('clipStatistics', () => {
  it('summarises a constant clip: its level in every band and MFCC 0, no spread, no change', () => {
    const frames = 30;
    const bins = 64;
    const stats = clipStatistics({ frames, bins, data: new Float32Array(frames * bins).fill(-20) });
    expect(stats).toHaveLength(clipStatisticsLength(bins));
    expect(stats).toHaveLength(4 * 40 + 2 * 64);
    // MFCC 0 of a flat frame is sqrt(bins) times its level (orthonormal DCT); the other cepstra are 0.
    expect(stats[0]).toBeCloseTo(-20 * Math.sqrt(bins), 3);
    for (let k = 1; k < 40; k++) expect(Math.abs(stats[k])).toBeLessThan(1e-3);
    for (let k = 40; k < 160; k++) expect(Math.abs(stats[k])).toBeLessThan(1e-3);
    for (let b = 0; b < bins; b++) {
      expect(stats[160 + b]).toBeCloseTo(-20, 5);
      expect(stats[160 + bins + b]).toBeCloseTo(0, 5);
    }
  });

  it('sees a 10 dB louder recording as a shift of MFCC 0 and of the band means only', () => {
    const rng = createRng(3);
    const frames = 50;
    const bins = 64;
    const quiet = Float32Array.from({ length: frames * bins }, () => -40 + rng.normal() * 6);
    const loud = quiet.map((v) => v + 10);
    const a = clipStatistics({ frames, bins, data: quiet });
    const b = clipStatistics({ frames, bins, data: loud });
    expect(b[0] - a[0]).toBeCloseTo(10 * Math.sqrt(bins), 2);
    for (let k = 1; k < 160; k++) expect(b[k]).toBeCloseTo(a[k], 2);
    for (let d = 160; d < 160 + bins; d++) expect(b[d] - a[d]).toBeCloseTo(10, 3);
  });
});

describe('per-speaker standardisation', () => {
  /** Speaker rows: 3 classes, class c raises feature c; `offset` is the speaker's own voice/microphone. */
  function speaker(offset: number[], seed: number): { rows: Float32Array[]; labels: number[] } {
    const rng = createRng(seed);
    const rows: Float32Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 30; i++) {
      const c = i % 3;
      rows.push(Float32Array.from(offset, (o, d) => o + (d === c ? 2 : 0) + rng.normal() * 0.7));
      labels.push(c);
    }
    return { rows, labels };
  }

  it('standardises a row by the given statistics', () => {
    const stats = featureStats([Float32Array.of(1, 10), Float32Array.of(3, 10)]);
    expect(Array.from(stats.mean)).toEqual([2, 10]);
    expect(Array.from(stats.std)).toEqual([1, 0]);
    // A feature with no spread for this speaker carries nothing: 0.
    expect(Array.from(standardiseWith(Float32Array.of(4, 12), stats))).toEqual([2, 0]);
  });

  it('scores a speaker with a large offset as well as the training voices, where global scaling fails', () => {
    const a = speaker([0, 0, 0, 0], 1);
    const b = speaker([0.5, -0.5, 0, 0.3], 2);
    const far = speaker([8, -6, 0, 2], 3);
    const rows = [...a.rows, ...b.rows];
    const labels = [...a.labels, ...b.labels];
    const speakers = [...a.rows.map(() => 'a'), ...b.rows.map(() => 'b')];
    const accuracy = (speakerNorm: boolean): number => {
      const model = fitClassic(rows, labels, 3, { speakerNorm, speakers });
      const probs = classicProbs(model, far.rows, speakerNorm ? far.rows.map(() => 'far') : undefined);
      return probs.filter((p, i) => p.indexOf(Math.max(...p)) === far.labels[i]).length / far.rows.length;
    };
    expect(accuracy(true)).toBeGreaterThan(0.8);
    expect(accuracy(false)).toBeLessThan(0.6);
  });

  it('measures a lone clip of an unknown speaker against the training population', () => {
    const a = speaker([0, 0, 0, 0], 4);
    const model = fitClassic(a.rows, a.labels, 3, { speakerNorm: true, speakers: a.rows.map(() => 'a') });
    const [alone] = classicProbs(model, [a.rows[0]], ['x']);
    const [unnamed] = classicProbs(model, [a.rows[0]]);
    expect(Array.from(alone)).toEqual(Array.from(unnamed));
    expect(alone.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
  });
});
