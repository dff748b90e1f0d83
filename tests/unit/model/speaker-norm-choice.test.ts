// 'auto' voice standardisation: chosen on a fold's training speakers by a classic-only inner cross-validation,
// none where speaker and emotion are confounded, the default where there are too few speakers to choose.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEAKER_NORM, FIXED_SPEAKER_NORMS } from '../../../src/common/options.js';
import { chooseSpeakerNorm } from '../../../src/core/model/recipe/speaker-norm-choice.js';
import type { ClassicData } from '../../../src/core/model/recipe/classic-folds.js';
import { createRng } from '../../../src/core/util/random.js';

/** `speakers` voices of 12 clips each; class c raises statistic c; every voice has its own offset. */
function data(speakers: number, labelOf: (s: number, i: number) => number = (_s, i) => i % 3): ClassicData {
  const rng = createRng(5);
  const rows: Float32Array[] = [];
  const who: string[] = [];
  const labels: number[] = [];
  for (let s = 0; s < speakers; s++) {
    const offset = [rng.normal() * 3, rng.normal() * 3, rng.normal() * 3, rng.normal() * 3];
    for (let i = 0; i < 12; i++) {
      const c = labelOf(s, i);
      rows.push(Float32Array.from(offset, (o, d) => o + (d === c ? 2 : 0) + rng.normal() * 0.6));
      who.push(`s${s}`);
      labels.push(c);
    }
  }
  return { rows, speakers: who, labels, classes: 3 };
}
const all = (d: ClassicData) => d.labels.map((_, i) => i);

describe('chooseSpeakerNorm', () => {
  it('scores every mode on the training speakers’ inner folds, and keeps the default unless another holds up', () => {
    const d = data(6);
    const choice = chooseSpeakerNorm(d, all(d), 1);
    expect(Object.keys(choice.inner ?? {}).sort()).toEqual([...FIXED_SPEAKER_NORMS].sort());
    // voices this far apart: knowing the voice beats knowing nothing of it
    expect(choice.inner!.mean).toBeGreaterThan(choice.inner!.none);
    expect(choice.chosen).toBe(DEFAULT_SPEAKER_NORM);
    expect(choice.reason).toMatch(/known-voice macro F1 over 6 training speakers/);
  });

  it('takes none, with no cross-validation, where most speakers show one emotion', () => {
    const d = data(6, (s, i) => (s < 4 ? s % 3 : i % 3));
    expect(chooseSpeakerNorm(d, all(d), 1)).toEqual({
      chosen: 'none',
      inner: null,
      reason: 'speakers and emotions are confounded in training',
    });
  });

  it('keeps the default where too few speakers are left to choose', () => {
    const d = data(2);
    expect(chooseSpeakerNorm(d, all(d), 1)).toMatchObject({ chosen: DEFAULT_SPEAKER_NORM, inner: null });
  });

  it('reads only the clips it is given: a held-out speaker changes nothing', () => {
    const d = data(7);
    const train = all(d).filter((i) => d.speakers[i] !== 's6');
    const before = chooseSpeakerNorm(d, train, 3);
    const scrambled = {
      ...d,
      rows: d.rows.map((r, i) => (d.speakers[i] === 's6' ? r.map(() => 99) : r)),
      labels: d.labels.map((l, i) => (d.speakers[i] === 's6' ? (l + 1) % 3 : l)),
    };
    expect(chooseSpeakerNorm(scrambled, train, 3)).toEqual(before);
  });
});
