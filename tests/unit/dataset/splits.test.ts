import { describe, expect, it } from 'vitest';
import {
  leaveOneSpeakerOut,
  randomSplit,
  speakerKFold,
  speakerSplit,
  type SplitRow,
} from '../../../src/core/dataset/splits.js';

/** `n` clips per (speaker, label), ids in order. */
function rows(speakers: Record<string, number>, labels = ['happy', 'sad', 'neutral']): SplitRow[] {
  const out: SplitRow[] = [];
  let id = 1;
  for (const [speaker, n] of Object.entries(speakers)) {
    for (const label of labels) for (let i = 0; i < n; i++) out.push({ id: id++, speaker, label });
  }
  return out;
}

const tenSpeakers = rows(
  Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`s${i}`, 5 + ((i * 7) % 11)])),
);

function speakersOf(data: SplitRow[], ids: number[]): Set<string> {
  const byId = new Map(data.map((r) => [r.id, r.speaker]));
  return new Set(ids.map((id) => byId.get(id)!));
}

function expectPartition(data: SplitRow[], parts: number[][]): void {
  const all = parts.flat().sort((a, b) => a - b);
  expect(all).toEqual(data.map((r) => r.id).sort((a, b) => a - b));
}

describe('speaker split', () => {
  it('keeps speakers apart, covers every clip once, and is close to 70/15/15', () => {
    const s = speakerSplit(tenSpeakers, { seed: 1 });
    expectPartition(tenSpeakers, [s.train, s.val, s.test]);
    const [tr, va, te] = [s.train, s.val, s.test].map((ids) => speakersOf(tenSpeakers, ids));
    for (const x of tr) expect(va.has(x) || te.has(x)).toBe(false);
    for (const x of va) expect(te.has(x)).toBe(false);
    expect([...tr].sort()).toEqual(s.speakers.train);
    expect(s.leaksSpeakers).toBe(false);
    const n = tenSpeakers.length;
    expect(s.train.length / n).toBeGreaterThan(0.55);
    expect(s.val.length / n).toBeGreaterThan(0.05);
    expect(s.test.length / n).toBeGreaterThan(0.05);
    expect(s.test.length / n).toBeLessThan(0.3);
  });

  it('is deterministic by seed and independent of row order', () => {
    const a = speakerSplit(tenSpeakers, { seed: 42 });
    expect(speakerSplit([...tenSpeakers].reverse(), { seed: 42 })).toEqual(a);
    const others = [1, 2, 3, 4, 5].map((seed) =>
      JSON.stringify(speakerSplit(tenSpeakers, { seed }).speakers),
    );
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it('gives one speaker to each part with three speakers, and train/test with two', () => {
    const three = rows({ a: 10, b: 10, c: 10 });
    const s = speakerSplit(three, { seed: 3 });
    expect([s.speakers.train.length, s.speakers.val.length, s.speakers.test.length]).toEqual([1, 1, 1]);
    const two = speakerSplit(rows({ a: 10, b: 10 }), { seed: 3 });
    expect([two.speakers.train.length, two.speakers.val.length, two.speakers.test.length]).toEqual([1, 0, 1]);
    expect(() => speakerSplit(rows({ a: 10 }))).toThrow(/at least two speakers/);
    const noVal = speakerSplit(tenSpeakers, { seed: 3, fractions: { train: 0.8, val: 0, test: 0.2 } });
    expect(noVal.val).toEqual([]);
    expectPartition(tenSpeakers, [noVal.train, noVal.test]);
  });

  it('puts every label in every part when the speakers allow it', () => {
    // Speakers s0..s5 only have happy/sad; n0, n1 are the only ones with neutral.
    const data = [
      ...rows({ s0: 6, s1: 6, s2: 6, s3: 6, s4: 6, s5: 6 }, ['happy', 'sad']),
      ...rows({ n0: 3, n1: 3 }, ['happy', 'sad', 'neutral']).map((r) => ({ ...r, id: r.id + 1000 })),
    ];
    for (const seed of [0, 1, 2]) {
      const s = speakerSplit(data, { seed, fractions: { train: 0.7, val: 0, test: 0.3 } });
      const labelsIn = (ids: number[]): Set<string> =>
        new Set(ids.map((id) => data.find((r) => r.id === id)!.label));
      expect(labelsIn(s.train).has('neutral')).toBe(true);
      expect(labelsIn(s.test).has('neutral')).toBe(true);
    }
  });
});

describe('speaker k-fold and leave-one-speaker-out', () => {
  it('puts every clip in exactly one test fold, never with its speaker in training', () => {
    for (const folds of [
      speakerKFold(tenSpeakers, 5, { seed: 9 }),
      leaveOneSpeakerOut(tenSpeakers, { seed: 9 }),
    ]) {
      expectPartition(
        tenSpeakers,
        folds.map((f) => f.test),
      );
      for (const f of folds) {
        const test = speakersOf(tenSpeakers, f.test);
        const train = speakersOf(tenSpeakers, f.train);
        const val = speakersOf(tenSpeakers, f.val);
        for (const x of test) expect(train.has(x) || val.has(x)).toBe(false);
        for (const x of val) expect(train.has(x)).toBe(false);
        expect(val.size).toBeGreaterThan(0);
        // Each fold uses every clip once: train + val + test.
        expectPartition(tenSpeakers, [f.train, f.val, f.test]);
      }
    }
  });

  it('balances k folds by clip count', () => {
    const folds = speakerKFold(tenSpeakers, 5, { seed: 2 });
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) / Math.min(...sizes)).toBeLessThan(1.6);
  });

  it('has one fold per speaker in speaker order for leave-one-speaker-out', () => {
    const folds = leaveOneSpeakerOut(tenSpeakers);
    expect(folds.map((f) => f.testSpeakers)).toEqual(Array.from({ length: 10 }, (_, i) => [`s${i}`]));
    expect(folds.map((f) => f.fold)).toEqual([...Array(10).keys()]);
  });

  it('has no validation speaker when only one training speaker is left, or when asked', () => {
    const two = leaveOneSpeakerOut(rows({ a: 4, b: 4 }));
    expect(two.map((f) => f.val.length)).toEqual([0, 0]);
    expect(speakerKFold(tenSpeakers, 2, { valFraction: 0 }).every((f) => f.val.length === 0)).toBe(true);
  });

  it('is deterministic by seed and refuses impossible k', () => {
    expect(speakerKFold(tenSpeakers, 3, { seed: 5 })).toEqual(
      speakerKFold([...tenSpeakers].reverse(), 3, { seed: 5 }),
    );
    expect(() => speakerKFold(tenSpeakers, 11)).toThrow(/at least 11 speakers/);
    expect(() => speakerKFold(tenSpeakers, 1)).toThrow(/k >= 2/);
  });
});

describe('random split', () => {
  it('is stratified, deterministic, and flagged as leaking speakers', () => {
    const s = randomSplit(tenSpeakers, { seed: 4 });
    expectPartition(tenSpeakers, [s.train, s.val, s.test]);
    expect(s.leaksSpeakers).toBe(true);
    expect(s.warning).toMatch(/same speakers/);
    expect(randomSplit(tenSpeakers, { seed: 4 })).toEqual(s);
    const perLabel = (ids: number[], label: string): number =>
      ids.filter((id) => tenSpeakers.find((r) => r.id === id)!.label === label).length;
    const third = tenSpeakers.length / 3;
    for (const label of ['happy', 'sad', 'neutral']) {
      expect(perLabel(s.test, label)).toBe(Math.round(third * 0.15));
    }
  });
});

describe('leave-one-speaker-out as the accuracy harness runs it', () => {
  // The harness trains every fold on all its training speakers (no validation share) and the final model on
  // every clip: neither may depend on the random generator, so its rows stay comparable across versions.
  const savee = rows({ DC: 20, JE: 20, JK: 20, KL: 20 });
  const emodb = rows(
    Object.fromEntries(
      ['03', '08', '09', '10', '11', '12', '13', '14', '15', '16'].map((s, i) => [s, 7 + ((i * 5) % 9)]),
    ),
  );

  it('holds out each speaker in turn and trains on all the others, whatever the seed', () => {
    for (const data of [savee, emodb, tenSpeakers]) {
      const speakers = [...new Set(data.map((r) => r.speaker))].sort();
      const idsOf = (keep: (speaker: string) => boolean): number[] =>
        data
          .filter((r) => keep(r.speaker))
          .map((r) => r.id)
          .sort((a, b) => a - b);
      const expected = speakers.map((held, fold) => ({
        fold,
        train: idsOf((s) => s !== held),
        val: [],
        test: idsOf((s) => s === held),
        testSpeakers: [held],
        valSpeakers: [],
      }));
      for (const seed of [0, 1, 2, 7, 12345])
        expect(leaveOneSpeakerOut(data, { seed, valFraction: 0 })).toEqual(expected);
    }
  });

  it('trains the final model on every clip, whatever the seed', () => {
    for (const data of [savee, emodb, tenSpeakers])
      for (const seed of [0, 1, 2, 7, 12345]) {
        const all = speakerSplit(data, { seed, fractions: { train: 1, val: 0, test: 0 } });
        expect(all.train).toEqual(data.map((r) => r.id).sort((a, b) => a - b));
        expect([all.val, all.test]).toEqual([[], []]);
      }
  });
});
