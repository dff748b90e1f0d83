import { describe, expect, it } from 'vitest';
import { cohenKappa, fleissKappa, krippendorffAlpha } from '../../../src/core/agreement/index.js';

function repeat(pair: [string, string], n: number): Array<[string, string]> {
  return Array.from({ length: n }, () => pair);
}

describe("Cohen's kappa", () => {
  it('matches the Wikipedia worked example (50 proposals, po = 0.7, pe = 0.5, kappa = 0.4)', () => {
    const pairs = [
      ...repeat(['yes', 'yes'], 20),
      ...repeat(['yes', 'no'], 5),
      ...repeat(['no', 'yes'], 10),
      ...repeat(['no', 'no'], 15),
    ];
    expect(cohenKappa(pairs)).toBeCloseTo(0.4, 12);
  });

  it('matches a hand-computed three-class example', () => {
    // 10 clips: agree on 7. Marginals A: h4 s3 n3, B: h3 s4 n3.
    // po = 0.7, pe = (4*3 + 3*4 + 3*3) / 100 = 0.33, kappa = 0.37 / 0.67.
    const pairs: Array<[string, string]> = [
      ['happy', 'happy'],
      ['happy', 'happy'],
      ['happy', 'happy'],
      ['happy', 'sad'],
      ['sad', 'sad'],
      ['sad', 'sad'],
      ['sad', 'neutral'],
      ['neutral', 'neutral'],
      ['neutral', 'neutral'],
      ['neutral', 'sad'],
    ];
    expect(cohenKappa(pairs)).toBeCloseTo(0.37 / 0.67, 12);
  });

  it('is 1 for perfect agreement, 0 for chance-level, and undefined when chance is perfect', () => {
    expect(
      cohenKappa([
        ['a', 'a'],
        ['b', 'b'],
      ]),
    ).toBe(1);
    // independent marginals: a/b x a/b each once
    expect(
      cohenKappa([
        ['a', 'a'],
        ['a', 'b'],
        ['b', 'a'],
        ['b', 'b'],
      ]),
    ).toBeCloseTo(0, 12);
    expect(
      cohenKappa([
        ['a', 'a'],
        ['a', 'a'],
      ]),
    ).toBeNull();
    expect(cohenKappa([])).toBeNull();
  });
});

describe("Fleiss' kappa", () => {
  it('matches Fleiss (1971) as worked on Wikipedia: 10 subjects, 14 raters, 5 categories, kappa = 0.210', () => {
    const counts = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const r = fleissKappa(counts)!;
    expect(r.observed).toBeCloseTo(0.378, 3);
    expect(r.expected).toBeCloseTo(0.213, 3);
    expect(r.kappa!).toBeCloseTo(0.21, 3);
  });

  it('equals a hand computation on three raters', () => {
    // items: (3,0) (2,1) (0,3) (1,2): P_i = 1, 1/3, 1, 1/3 -> P̄ = 2/3; p = 6/12, 6/12 -> P̄e = 0.5; kappa = 1/3
    const r = fleissKappa([
      [3, 0],
      [2, 1],
      [0, 3],
      [1, 2],
    ])!;
    expect(r.observed).toBeCloseTo(2 / 3, 12);
    expect(r.kappa!).toBeCloseTo(1 / 3, 12);
  });

  it('refuses items with different numbers of raters', () => {
    expect(() =>
      fleissKappa([
        [2, 0],
        [1, 2],
      ]),
    ).toThrow(/same number of raters/);
  });
});

describe("Krippendorff's alpha (nominal)", () => {
  it('matches Krippendorff (2011)’s example with missing data: 4 coders, 12 units, alpha = 0.743', () => {
    const A = ['1', '2', '3', '3', '2', '1', '4', '1', '2', null, null, null];
    const B = ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', null, '3'];
    const C = [null, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', null];
    const D = ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', null];
    const units = A.map((_, u) => [A[u], B[u], C[u], D[u]].filter((v): v is string => v !== null));
    expect(krippendorffAlpha(units)!).toBeCloseTo(0.743, 3);
  });

  it('is 1 for perfect agreement and undefined with a single value', () => {
    expect(
      krippendorffAlpha([
        ['a', 'a'],
        ['b', 'b', 'b'],
      ]),
    ).toBe(1);
    expect(krippendorffAlpha([['a', 'a'], ['a']])).toBeNull();
  });
});
