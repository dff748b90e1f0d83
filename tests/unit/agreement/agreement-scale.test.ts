import { describe, expect, it } from 'vitest';
import type { TieRule } from '../../../src/common/contract.js';
import { agreementSteps, computeAgreement, MAX_PAIRS } from '../../../src/core/agreement/agreement.js';
import type { AgreementItem } from '../../../src/core/dataset/consensus.js';
import { createRng } from '../../../src/core/util/random.js';
import { referenceAgreement } from './reference-agreement.js';

const LABELS = ['happy', 'sad', 'neutral'];
const RULES: TieRule[] = [
  { rule: 'flag', adjudicator: null },
  { rule: 'exclude', adjudicator: null },
  { rule: 'adjudicator', adjudicator: 'a1' },
];

/** A random project: some annotators skip clips, some clips have an acted emotion, a label outside the set. */
function project(seed: number, annotators: number, clips: number, skip = 0.3): AgreementItem[] {
  const rng = createRng(seed);
  const words = [...LABELS, 'angry'];
  return Array.from({ length: clips }, () => ({
    annotations: Array.from({ length: annotators }, (_, a) => `a${a}`)
      .filter(() => rng.next() >= skip)
      .map((annotator) => ({ annotator, label: words[rng.int(rng.next() < 0.9 ? 3 : 4)] })),
    intended: rng.next() < 0.5 ? LABELS[rng.int(3)] : null,
  }));
}

/** Equal, numbers to 1e-12 (the fast sums add in another order). */
function expectSame(actual: unknown, expected: unknown, where = 'report'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(actual, where).toBeCloseTo(expected, 12);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), where).toBe(true);
    expect((actual as unknown[]).length, where).toBe(expected.length);
    expected.forEach((e, i) => expectSame((actual as unknown[])[i], e, `${where}[${i}]`));
  } else if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), where).toEqual(Object.keys(expected).sort());
    for (const [k, e] of Object.entries(expected))
      expectSame((actual as Record<string, unknown>)[k], e, `${where}.${k}`);
  } else {
    expect(actual, where).toEqual(expected);
  }
}

describe('agreement at scale', () => {
  it('matches the plain formulas on random projects, figure for figure', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rng = createRng(seed * 101);
      const items = project(seed, 1 + rng.int(12), rng.int(60), rng.next() * 0.8);
      const rule = RULES[seed % RULES.length];
      const { pairsLeftOut, ...fast } = computeAgreement(items, LABELS, rule);
      expect(pairsLeftOut).toBe(0);
      expectSame(fast, referenceAgreement(items, LABELS, rule), `seed ${seed}`);
    }
  });

  it('with many annotators lists the pairs with the most clips in common, and says how many it left out', () => {
    const items = project(7, 40, 30, 0.6); // 780 pairs of annotators
    const r = computeAgreement(items, LABELS, RULES[0]);
    const all = referenceAgreement(items, LABELS, RULES[0]).pairs.filter((p) => p.clips > 0);
    expect(all.length).toBeGreaterThan(MAX_PAIRS);
    expect(r.pairs).toHaveLength(MAX_PAIRS);
    expect(r.pairsLeftOut).toBe(all.length - MAX_PAIRS);
    const byName = new Map(all.map((p) => [`${p.a}/${p.b}`, p]));
    for (const p of r.pairs) expectSame(p, byName.get(`${p.a}/${p.b}`), `${p.a}/${p.b}`);
    const listed = new Set(r.pairs.map((p) => `${p.a}/${p.b}`));
    const fewestListed = Math.min(...r.pairs.map((p) => p.clips));
    for (const p of all) if (!listed.has(`${p.a}/${p.b}`)) expect(p.clips).toBeLessThanOrEqual(fewestListed);
    // Listed in the names' order, as the table reads.
    const rank = new Map(r.annotators.map((a, i) => [a.name, i]));
    const order = r.pairs.map((p) => [rank.get(p.a)!, rank.get(p.b)!]);
    expect(order).toEqual([...order].sort((x, y) => x[0] - y[0] || x[1] - y[1]));
  });

  it('works in steps, each small, in number growing with annotations times annotators per clip', () => {
    // 1,000 annotators on 20 clips: 20,000 annotations of 1,000 annotators each, and half a million pairs.
    const items = project(3, 1000, 20, 0);
    const steps = agreementSteps(items, LABELS, RULES[0]);
    let count = 0;
    let last = 0;
    let step = steps.next();
    while (!step.done) {
      expect(step.value).toBeGreaterThanOrEqual(last);
      last = step.value;
      count++;
      step = steps.next();
    }
    expect(last).toBeCloseTo(1, 9);
    // A step per annotation and pass, not per pair of annotators (499,500) times clips.
    expect(count).toBeLessThan(20_000 * 8);
    expect(step.value.pairs).toHaveLength(MAX_PAIRS);
    expect(step.value.annotators).toHaveLength(1000);
  });
});
