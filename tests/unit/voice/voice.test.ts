// What the model knows of a voice: running sums that hold the mean and spread of its clips, the training speakers
// as a population, how a voice known from a few clips is standardised, and when speaker and emotion are confounded.
import { describe, expect, it } from 'vitest';
import {
  adaptationWeight,
  addToVoice,
  emptyVoice,
  HALF_WEIGHT_CLIPS,
  populationOf,
  speakerLabelSkew,
  standardiseRow,
  voiceMean,
  voiceOfRows,
  voiceStandardiser,
  voiceVariance,
} from '../../../src/core/voice/index.js';

const rows = [Float32Array.of(1, 10, 5), Float32Array.of(3, 10, 7), Float32Array.of(8, 10, 0)];

describe('VoiceStats', () => {
  it('holds the mean and population variance of its clips, added one by one or at once', () => {
    let v = emptyVoice(3);
    for (const r of rows) v = addToVoice(v, r, 1.5);
    const once = voiceOfRows(rows, 3, 4.5);
    expect(v).toEqual(once);
    expect(v.clips).toBe(3);
    expect(v.seconds).toBe(4.5);
    expect(Array.from(voiceMean(v))).toEqual([4, 10, 4]);
    // (1-4)² + (3-4)² + (8-4)² = 26, over 3; a constant statistic has none.
    expect(voiceVariance(v)[0]).toBeCloseTo(26 / 3, 10);
    expect(voiceVariance(v)[1]).toBe(0);
  });

  it('never changes a voice it was given', () => {
    const v = voiceOfRows(rows.slice(0, 1), 3);
    const copy = structuredClone(v);
    addToVoice(v, rows[1]);
    expect(v).toEqual(copy);
  });

  it('refuses a clip with another number of statistics', () => {
    expect(() => addToVoice(emptyVoice(3), Float32Array.of(1, 2))).toThrow(/2 statistics for a voice of 3/);
  });
});

describe('populationOf', () => {
  it('is the typical voice, the spread within a voice and the spread between voices', () => {
    // Two voices of two clips each: means 0 and 10, each clip 1 away from its voice's mean.
    const a = voiceOfRows([Float32Array.of(-1), Float32Array.of(1)], 1);
    const b = voiceOfRows([Float32Array.of(9), Float32Array.of(11)], 1);
    const p = populationOf([a, b]);
    expect(p.mean[0]).toBe(5);
    expect(p.within[0]).toBe(1);
    // Speaker means 0 and 10 scatter by 50 (sample variance); 1/2 of that is what two clips of spread 1 explain.
    expect(p.between[0]).toBeCloseTo(Math.sqrt(50 - 0.5), 10);
    expect(p.speakers).toBe(2);
  });
});

describe('voiceStandardiser', () => {
  const population = { mean: [5], within: [2], between: [4], speakers: 10 };
  const voice = voiceOfRows([Float32Array.of(9), Float32Array.of(11)], 1);

  it('measures a voice it knows nothing of against the typical voice', () => {
    for (const mode of ['mean', 'full', 'shrink'] as const) {
      const s = voiceStandardiser(mode, null, population);
      expect(Array.from(s.mean)).toEqual([5]);
      expect(Array.from(s.std)).toEqual([2]);
    }
  });

  it("'mean' centres on the voice's own mean with the typical spread; 'full' uses the voice's spread too", () => {
    expect(Array.from(voiceStandardiser('mean', voice, population).mean)).toEqual([10]);
    expect(Array.from(voiceStandardiser('mean', voice, population).std)).toEqual([2]);
    expect(Array.from(voiceStandardiser('full', voice, population).std)).toEqual([1]);
    // One clip gives no spread: the typical one stands in.
    const one = voiceOfRows([Float32Array.of(9)], 1);
    expect(Array.from(voiceStandardiser('full', one, population).std)).toEqual([2]);
  });

  it("'shrink' draws the voice's mean to the typical one by how few clips there are against how voices differ", () => {
    // within²/between² = 4/16 = 0.25 clips' worth of prior: two clips weigh 2/2.25.
    const m = voiceStandardiser('shrink', voice, population).mean[0];
    expect(m).toBeCloseTo((2 / 2.25) * 10 + (0.25 / 2.25) * 5, 10);
  });

  it('leaves a statistic with no spread at 0', () => {
    expect(Array.from(standardiseRow(Float32Array.of(7, 3), { mean: [5, 3], std: [2, 0] }))).toEqual([1, 0]);
  });
});

describe('adaptationWeight', () => {
  it('gives a new voice nothing of the adapted part, half at HALF_WEIGHT_CLIPS clips, nearly all for many', () => {
    expect(adaptationWeight(0)).toBe(0);
    expect(adaptationWeight(HALF_WEIGHT_CLIPS)).toBe(0.5);
    expect(adaptationWeight(100)).toBeGreaterThan(0.97);
  });
});

describe('speakerLabelSkew', () => {
  const corpus = (perSpeaker: number[][]) => {
    const speakers: string[] = [];
    const labels: number[] = [];
    perSpeaker.forEach((counts, s) =>
      counts.forEach((n, label) => {
        for (let i = 0; i < n; i++) {
          speakers.push(`s${s}`);
          labels.push(label);
        }
      }),
    );
    return { speakers, labels };
  };

  it('finds no confound where every speaker shows every emotion', () => {
    const c = corpus([
      [5, 5, 5],
      [4, 6, 5],
      [5, 5, 3],
    ]);
    expect(speakerLabelSkew(c.speakers, c.labels, 3)).toMatchObject({ narrow: 0, confounded: false });
  });

  it('finds one where most speakers show one or two emotions (a clip or two of others do not count)', () => {
    const c = corpus([
      [10, 1, 1],
      [1, 9, 0],
      [0, 0, 8],
      [5, 5, 5],
    ]);
    expect(speakerLabelSkew(c.speakers, c.labels, 3)).toEqual({
      speakers: 4,
      narrow: 3,
      narrowAt: 2,
      confounded: true,
    });
  });

  it('counts a speaker of two emotions as narrow only when the label set has more than two', () => {
    const c = corpus([
      [5, 5],
      [4, 6],
      [6, 4],
    ]);
    expect(speakerLabelSkew(c.speakers, c.labels, 2).confounded).toBe(false);
    const three = corpus([
      [5, 5, 0],
      [4, 6, 0],
      [0, 6, 4],
    ]);
    expect(speakerLabelSkew(three.speakers, three.labels, 3).confounded).toBe(true);
  });

  it('ignores clips outside the label set', () => {
    expect(speakerLabelSkew(['a', 'a', 'b', 'b'], [-1, -1, -1, -1], 3)).toMatchObject({
      speakers: 0,
      confounded: false,
    });
  });
});
