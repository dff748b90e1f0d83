import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_CONFIG } from '../../../src/core/model/config.js';
import { planFolds, trainingPlanOf } from '../../../src/core/model/training/folds.js';
import { decideSplit, TrainRefusal } from '../../../src/core/model/training/refusals.js';
import { RANDOM_SPLIT_WARNING } from '../../../src/core/dataset/splits.js';

function corpus(speakers: number, perLabel = 6, labels = ['happy', 'sad', 'neutral']) {
  const rows: Array<{ id: number; speaker: string; label: string }> = [];
  for (let s = 0; s < speakers; s++)
    for (const l of labels)
      for (let k = 0; k < perLabel; k++) rows.push({ id: rows.length, speaker: `s${s}`, label: l });
  return rows;
}

describe('fold planning', () => {
  it('loso: one fold per speaker, every clip tested once, then a final model on all speakers', () => {
    const rows = corpus(6);
    const folds = planFolds(rows, 'loso', 0, 0.15);
    expect(folds.map((f) => f.fold)).toEqual([0, 1, 2, 3, 4, 5, 'final']);
    const tested = folds.flatMap((f) => f.test).sort((a, b) => a - b);
    expect(tested).toEqual(rows.map((r) => r.id));
    const spk = new Map(rows.map((r) => [r.id, r.speaker]));
    for (const f of folds.slice(0, 6)) {
      const testSpk = new Set(f.test.map((i) => spk.get(i)));
      for (const i of [...f.train, ...f.val]) expect(testSpk.has(spk.get(i))).toBe(false);
      // Enough speakers: validation is whole held-out speakers, disjoint from training.
      expect(f.valKind).toBe('speakers');
      const valSpk = new Set(f.val.map((i) => spk.get(i)));
      for (const i of f.train) expect(valSpk.has(spk.get(i))).toBe(false);
    }
    const final = folds[6];
    expect(final.test).toEqual([]);
    expect(final.train.length + final.val.length).toBe(rows.length);
  });

  it('with too few speakers, validates on a stratified 15% of the training clips instead', () => {
    const rows = corpus(2, 10);
    const folds = planFolds(rows, 'loso', 3, 0.15);
    for (const f of folds) {
      expect(f.valKind).toBe('random');
      expect(f.val.length).toBeGreaterThan(0);
      expect(new Set([...f.train, ...f.val]).size).toBe(f.train.length + f.val.length);
      const labels = new Set(f.val.map((i) => rows[i].label));
      expect(labels.size).toBe(3);
    }
    // All of the other speaker trains, minus the validation share.
    expect(folds[0].train.length + folds[0].val.length).toBe(30);
  });

  it('speaker split trains once with disjoint test speakers; kfold pools k folds', () => {
    const rows = corpus(8);
    const [one, ...rest] = planFolds(rows, 'speaker', 1, 0.15);
    expect(rest).toEqual([]);
    const spk = (ids: number[]) => new Set(ids.map((i) => rows[i].speaker));
    for (const s of spk(one.test)) expect(spk(one.train).has(s)).toBe(false);
    const k = planFolds(rows, 'kfold:4', 1, 0.15);
    expect(k.length).toBe(5);
    expect(k.flatMap((f) => f.test).length).toBe(rows.length);
  });

  it('is the same plan for the same seed', () => {
    const rows = corpus(7);
    expect(planFolds(rows, 'loso', 5, 0.15)).toEqual(planFolds(rows, 'loso', 5, 0.15));
  });
});

describe('refusals and split decisions', () => {
  it('refuses fewer than two labelled classes, naming the counts', () => {
    const clips = corpus(3, 4, ['happy']);
    expect(() => decideSplit(clips, ['happy', 'sad', 'neutral'], 'speaker')).toThrow(TrainRefusal);
    expect(() => decideSplit(clips, ['happy', 'sad', 'neutral'], 'speaker')).toThrow(
      /only happy has any \(happy 12, sad 0, neutral 0\)/,
    );
  });

  it('refuses one speaker unless the split is random', () => {
    const clips = corpus(1);
    expect(() => decideSplit(clips, ['happy', 'sad', 'neutral'], 'loso')).toThrow(
      /at least two speakers.*speaker s0/,
    );
    const random = decideSplit(clips, ['happy', 'sad', 'neutral'], 'random');
    expect(random.split).toBe('random');
    expect(random.warnings.join(' ')).toMatch(/same speakers appear in training and test/);
  });

  it('falls back to a random split with a warning when no speaker is known', () => {
    const clips = corpus(1).map((c) => ({ ...c, speaker: 'unknown' }));
    const d = decideSplit(clips, ['happy', 'sad', 'neutral'], 'speaker');
    expect(d.split).toBe('random');
    expect(d.warnings[0]).toMatch(/^Speakers are unknown/);
    expect(d.warnings[0]).toContain(RANDOM_SPLIT_WARNING);
  });

  it('warns that two speakers give no meaningful score, for the default split and every speaker split', () => {
    // Two clips of two speakers, trained as a run trains them (the default split).
    const two = [
      { speaker: 'a', label: 'happy' },
      { speaker: 'b', label: 'sad' },
    ];
    const labels = ['happy', 'sad', 'neutral'];
    const { decision } = trainingPlanOf(two, { ...DEFAULT_TRAIN_CONFIG, labels });
    expect(decision.split).toBe('loso');
    expect(decision.warnings.join('\n')).toMatch(/^only 2 speakers: .* says little about voices/m);
    for (const split of ['loso', 'speaker', 'kfold:2'] as const)
      expect(decideSplit(two, labels, split).warnings.join('\n'), split).toMatch(/only 2 speakers: /);
    // Three speakers are enough not to say so.
    expect(decideSplit(corpus(3), labels, 'loso').warnings).toEqual([]);
  });

  it('warns about a label of the set with no clips', () => {
    const d = decideSplit(corpus(4, 3, ['happy', 'sad']), ['happy', 'sad', 'neutral'], 'loso');
    expect(d.warnings[0]).toMatch(/no clips labelled neutral/);
  });
});
