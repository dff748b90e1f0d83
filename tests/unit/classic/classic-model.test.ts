// The classic baseline: clip statistics, and a logistic regression twice over, one part for a voice it knows
// nothing of and one for a voice standardised by its own clips, blended by how many clips of the voice it knows.
import { describe, expect, it } from 'vitest';
import {
  CLASSIC_C,
  CLASSIC_ITERATIONS,
  classicScore,
  clipStatistics,
  clipStatisticsLength,
  fitClassic,
  fitLogistic,
  logisticProbs,
} from '../../../src/core/classic/index.js';
import { createRng } from '../../../src/core/util/random.js';
import { adaptationWeight, voiceOfRows } from '../../../src/core/voice/index.js';

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

/** Speaker rows: 3 classes, class c raises feature c; `offset` is the speaker's own voice and microphone. */
function speaker(offset: number[], seed: number, n = 30): { rows: Float32Array[]; labels: number[] } {
  const rng = createRng(seed);
  const rows: Float32Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    rows.push(Float32Array.from(offset, (o, d) => o + (d === c ? 2 : 0) + rng.normal() * 0.7));
    labels.push(c);
  }
  return { rows, labels };
}

const a = speaker([0, 0, 0, 0], 1);
const b = speaker([0.5, -0.5, 0, 0.3], 2);
const training = {
  rows: [...a.rows, ...b.rows],
  labels: [...a.labels, ...b.labels],
  speakers: [...a.rows.map(() => 'a'), ...b.rows.map(() => 'b')],
};
const accuracy = (probs: number[][], labels: number[]) =>
  probs.filter((p, i) => p.indexOf(Math.max(...p)) === labels[i]).length / labels.length;

describe('fitClassic', () => {
  it('scores a far-off voice it knows as well as the training voices, where knowing nothing of it fails', () => {
    const far = speaker([8, -6, 0, 2], 3);
    const model = fitClassic(training.rows, training.labels, 3, {
      speakerNorm: 'mean',
      speakers: training.speakers,
    });
    const voice = voiceOfRows(far.rows, 4);
    expect(
      accuracy(
        far.rows.map((r) => classicScore(model, r, voice).probs),
        far.labels,
      ),
    ).toBeGreaterThan(0.8);
    expect(
      accuracy(
        far.rows.map((r) => classicScore(model, r, null).probs),
        far.labels,
      ),
    ).toBeLessThan(0.6);
  });

  it('scores a voice it knows nothing of by the independent part alone', () => {
    const model = fitClassic(training.rows, training.labels, 3, {
      speakerNorm: 'mean',
      speakers: training.speakers,
    });
    const s = classicScore(model, a.rows[0], null);
    expect(s.weight).toBe(0);
    expect(s.probs).toEqual(Array.from(logisticProbs(model.independent!, a.rows[0])));
  });

  it('blends in the adapted part by how many clips of the voice it knows', () => {
    const model = fitClassic(training.rows, training.labels, 3, {
      speakerNorm: 'mean',
      speakers: training.speakers,
    });
    for (const n of [1, 4, 30]) {
      const s = classicScore(model, a.rows[0], voiceOfRows(a.rows.slice(0, n), 4));
      const w = adaptationWeight(n);
      expect(s.weight).toBe(w);
      s.probs.forEach((p, k) => expect(p).toBeCloseTo((1 - w) * s.independent![k] + w * s.adapted![k], 12));
    }
  });

  it('reads only the statistics it is given for a voice it knows nothing of; the adapted part reads them all', () => {
    const model = fitClassic(training.rows, training.labels, 3, {
      speakerNorm: 'mean',
      speakers: training.speakers,
      independentStats: [0, 2],
    });
    expect(model.independentStats).toEqual([0, 2]);
    expect(model.independent!.dims).toBe(2);
    expect(model.adapted!.logistic.dims).toBe(4);
    // statistics 1 and 3 mean nothing to a new voice's score
    const row = Float32Array.from(a.rows[0]);
    const changed = Float32Array.from(row, (v, d) => (d === 1 || d === 3 ? v + 50 : v));
    expect(classicScore(model, changed, null).probs).toEqual(classicScore(model, row, null).probs);
  });

  it("with 'none' has no adapted part: every voice scores the same", () => {
    const model = fitClassic(training.rows, training.labels, 3, { speakerNorm: 'none' });
    expect(model.adapted).toBeNull();
    expect(classicScore(model, a.rows[0], voiceOfRows(a.rows, 4)).probs).toEqual(
      classicScore(model, a.rows[0], null).probs,
    );
  });

  it("uses the studio's C and weighs classes by inverse frequency", () => {
    // 54 clips of class 0 and 6 of class 1 that look alike: a balanced model no longer favours the big class.
    const rng = createRng(9);
    const rows = Array.from({ length: 60 }, () => Float32Array.of(rng.normal(), rng.normal()));
    const labels = rows.map((_, i) => (i < 54 ? 0 : 1));
    const model = fitClassic(rows, labels, 2, { speakerNorm: 'none' });
    const expected = fitLogistic(rows, labels, 2, {
      c: CLASSIC_C,
      maxIterations: CLASSIC_ITERATIONS,
      balanced: true,
    });
    expect(model.independent).toEqual(expected);
    const other = fitLogistic(rows, labels, 2, { c: 1, maxIterations: CLASSIC_ITERATIONS, balanced: true });
    expect(model.independent).not.toEqual(other);
    const mean = rows.reduce((s, r) => s + logisticProbs(model.independent!, r)[0], 0) / rows.length;
    expect(mean).toBeGreaterThan(0.3);
    expect(mean).toBeLessThan(0.7);
  });
});
