import { describe, expect, it } from 'vitest';
import type { TieRule } from '../../../src/common/contract.js';
import {
  agreementText,
  computeAgreement,
  consensusLabel,
  division,
  type AgreementItem,
} from '../../../src/core/agreement/index.js';

const FLAG: TieRule = { rule: 'flag', adjudicator: null };
const ann = (pairs: Record<string, string>) =>
  Object.entries(pairs).map(([annotator, label]) => ({ annotator, label }));

describe('consensus label', () => {
  it('one annotator’s label is the label, whatever the rule', () => {
    for (const rule of ['flag', 'exclude', 'adjudicator'] as const)
      expect(consensusLabel(ann({ A: 'sad' }), { rule, adjudicator: 'B' }, 'happy')).toEqual({
        label: 'sad',
        tied: false,
      });
  });

  it('takes the majority', () => {
    expect(consensusLabel(ann({ A: 'sad', B: 'happy', C: 'sad' }), FLAG, 'happy')).toEqual({
      label: 'sad',
      tied: false,
    });
  });

  it('flag keeps the label on a tie and marks it', () => {
    expect(consensusLabel(ann({ A: 'sad', B: 'happy' }), FLAG, 'happy')).toEqual({
      label: 'happy',
      tied: true,
    });
  });

  it('exclude leaves a tied clip unlabelled', () => {
    expect(
      consensusLabel(ann({ A: 'sad', B: 'happy' }), { rule: 'exclude', adjudicator: null }, 'happy'),
    ).toEqual({
      label: null,
      tied: true,
    });
  });

  it('adjudicator: their label wins a tie; until they label, the label stays', () => {
    const rule: TieRule = { rule: 'adjudicator', adjudicator: 'C' };
    expect(consensusLabel(ann({ A: 'sad', B: 'happy', C: 'happy', D: 'sad' }), rule, 'sad')).toEqual({
      label: 'happy',
      tied: true,
    });
    expect(consensusLabel(ann({ A: 'sad', B: 'happy' }), rule, 'neutral')).toEqual({
      label: 'neutral',
      tied: true,
    });
  });

  it('division: share of labels outside the most common one', () => {
    expect(division(['a', 'a', 'a'])).toBe(0);
    expect(division(['a', 'b'])).toBe(0.5);
    expect(division(['a', 'b', 'c'])).toBeCloseTo(2 / 3, 12);
  });
});

describe('computeAgreement', () => {
  const items: AgreementItem[] = [
    { annotations: ann({ A: 'happy', B: 'happy' }), intended: 'happy' },
    { annotations: ann({ A: 'happy', B: 'sad' }), intended: 'happy' },
    { annotations: ann({ A: 'sad', B: 'sad' }), intended: 'sad' },
    { annotations: ann({ A: 'neutral', B: 'neutral' }), intended: 'sad' },
    { annotations: ann({ A: 'sad' }), intended: null },
    { annotations: [], intended: 'happy' },
  ];
  const r = computeAgreement(items, ['happy', 'sad', 'neutral'], FLAG);

  it('two annotators: Cohen’s kappa on the clips both labelled, with counts', () => {
    // A: h2 s1 n1; B: h1 s2 n1 over 4 clips; po = 3/4; pe = (2*1 + 1*2 + 1*1)/16 = 5/16
    expect(r.method).toBe('cohen');
    expect(r.kappaClips).toBe(4);
    expect(r.kappa!).toBeCloseTo((0.75 - 5 / 16) / (1 - 5 / 16), 12);
    expect(r.observed).toBeCloseTo(0.75, 12);
    expect(r.clipsAnnotated).toBe(5);
    expect(r.clipsCompared).toBe(4);
    expect(r.clipsDisagreeing).toBe(1);
    expect(r.clipsTied).toBe(1);
    expect(r.annotators).toEqual([
      { name: 'A', clips: 5 },
      { name: 'B', clips: 4 },
    ]);
  });

  it('per class: kappa of "this class or not"', () => {
    // happy vs other: pairs (h,h) (h,o) (o,o) (o,o): po = 3/4, A: h2, B: h1 -> pe = (2*1 + 2*3)/16 = 1/2, kappa = 1/2
    const happy = r.perClass.find((c) => c.label === 'happy')!;
    expect(happy.kappa!).toBeCloseTo(0.5, 12);
    expect(happy.ratings).toBe(3);
    // neutral: perfect
    expect(r.perClass.find((c) => c.label === 'neutral')!.kappa).toBe(1);
  });

  it('pairwise confusion between annotators', () => {
    expect(r.pairs).toHaveLength(1);
    expect(r.pairs[0]).toMatchObject({ a: 'A', b: 'B', clips: 4 });
    expect(r.pairs[0].confusion).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
  });

  it('acted versus perceived: each perception against the intended label', () => {
    // perceptions of acted clips: h:(h,h) h:(h,s) s:(s,s) s:(n,n): 5 of 8 agree
    expect(r.acted!.clips).toBe(4);
    expect(r.acted!.ratings).toBe(8);
    expect(r.acted!.observed).toBeCloseTo(5 / 8, 12);
    // the majority: clip 1 happy (right), clip 2 tied, clip 3 sad (right), clip 4 neutral (wrong)
    expect(r.acted!.majorityObserved).toBeCloseTo(2 / 4, 12);
    expect(r.acted!.perAnnotator.find((p) => p.annotator === 'A')!.observed).toBeCloseTo(3 / 4, 12);
    expect(r.acted!.confusion).toEqual([
      [3, 1, 0],
      [0, 2, 2],
      [0, 0, 0],
    ]);
  });

  it('three annotators: Fleiss’ kappa on the complete clips, alpha over all', () => {
    const three: AgreementItem[] = [
      { annotations: ann({ A: 'x', B: 'x', C: 'x' }), intended: null },
      { annotations: ann({ A: 'x', B: 'x', C: 'y' }), intended: null },
      { annotations: ann({ A: 'y', B: 'y', C: 'y' }), intended: null },
      { annotations: ann({ A: 'y', B: 'x', C: 'y' }), intended: null },
      { annotations: ann({ A: 'x', B: 'y' }), intended: null },
    ];
    const t = computeAgreement(three, [], FLAG);
    expect(t.method).toBe('fleiss');
    expect(t.kappaClips).toBe(4);
    expect(t.kappa!).toBeCloseTo(1 / 3, 12); // as the hand-computed Fleiss example
    expect(t.alpha).not.toBeNull();
    expect(t.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['A-B', 'A-C', 'B-C']);
    expect(t.labels).toEqual(['x', 'y']);
  });

  it('one annotator: no kappa', () => {
    const one = computeAgreement([{ annotations: ann({ A: 'happy' }), intended: null }], ['happy'], FLAG);
    expect(one.method).toBeNull();
    expect(one.kappa).toBeNull();
    expect(one.pairs).toEqual([]);
  });
});

describe('the agreement table', () => {
  it('is never padded by an absurd name: a long one (stored before the limit) is cut', () => {
    const long = 'n'.repeat(10240);
    const items = ['happy', 'sad', 'happy'].map((label, i) => ({
      annotations: [
        { annotator: long, label },
        { annotator: 'Ann', label: i === 1 ? 'happy' : label },
      ],
      intended: label,
    }));
    const text = agreementText(
      computeAgreement(items, ['happy', 'sad', 'neutral'], { rule: 'flag', adjudicator: null }),
    );
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThan(160);
    expect(text).toContain(`${'n'.repeat(39)}…`);
  });
});
