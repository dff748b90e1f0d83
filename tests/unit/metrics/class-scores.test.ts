import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/core/metrics/index.js';
import { rowsFromConfusion, rowsFromPairs } from './rows.js';

const labels = ['a', 'b', 'c'];

describe('per-class and macro scores, hand-computed', () => {
  // a: P 3/4 R 3/4; b: P 2/3 R 2/4; c: P 1/3 R 1/2
  const m = computeMetrics(
    rowsFromConfusion(
      [
        [3, 1, 0],
        [0, 2, 2],
        [1, 0, 1],
      ],
      labels,
    ),
    labels,
  );

  it('gives accuracy, precision, recall, F1 and support', () => {
    expect(m.clips).toBe(10);
    expect(m.accuracy).toBeCloseTo(0.6, 12);
    expect(m.per_class.a).toEqual({ precision: 0.75, recall: 0.75, f1: 0.75, support: 4 });
    expect(m.per_class.b.precision).toBeCloseTo(2 / 3, 12);
    expect(m.per_class.b.recall).toBeCloseTo(0.5, 12);
    expect(m.per_class.b.f1).toBeCloseTo(4 / 7, 12);
    expect(m.per_class.b.support).toBe(4);
    expect(m.per_class.c.precision).toBeCloseTo(1 / 3, 12);
    expect(m.per_class.c.recall).toBeCloseTo(0.5, 12);
    expect(m.per_class.c.f1).toBeCloseTo(0.4, 12);
    expect(m.per_class.c.support).toBe(2);
  });

  it('averages F1 and recall without class weights', () => {
    expect(m.macro_f1).toBeCloseTo((0.75 + 4 / 7 + 0.4) / 3, 12);
    expect(m.uar).toBeCloseTo((0.75 + 0.5 + 0.5) / 3, 12);
    // weighted by support the recall average would be the accuracy; UAR must differ here
    expect(m.uar).not.toBeCloseTo(m.accuracy, 3);
  });

  it('normalises the confusion matrix by row', () => {
    expect(m.confusion_normalised[1]).toEqual([0, 0.5, 0.5]);
    expect(m.confusion_normalised[2]).toEqual([0.5, 0, 0.5]);
  });
});

describe('classes never predicted or without support', () => {
  it('scores a never-predicted class 0, not NaN, and counts it in the macro averages', () => {
    const m = computeMetrics(rowsFromPairs(['a', 'a', 'b', 'c'], ['a', 'a', 'b', 'b']), labels);
    expect(m.per_class.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(m.per_class.b.precision).toBe(0.5);
    expect(m.per_class.b.f1).toBeCloseTo(2 / 3, 12);
    expect(m.macro_f1).toBeCloseTo((1 + 2 / 3 + 0) / 3, 12);
    expect(m.uar).toBeCloseTo(2 / 3, 12);
  });

  it('keeps a zero-support class that was predicted in macro F1 but not in UAR', () => {
    const m = computeMetrics(rowsFromPairs(['a', 'a', 'b', 'b'], ['a', 'c', 'b', 'b']), labels);
    expect(m.per_class.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(m.per_class.a.f1).toBeCloseTo(2 / 3, 12);
    expect(m.macro_f1).toBeCloseTo((2 / 3 + 1 + 0) / 3, 12);
    expect(m.uar).toBeCloseTo((0.5 + 1) / 2, 12);
    expect(m.confusion_normalised[2]).toEqual([0, 0, 0]);
    expect(m.confusion[0]).toEqual([1, 0, 1]);
  });

  it('leaves a class absent from truth and predictions out of both averages', () => {
    const m = computeMetrics(rowsFromPairs(['a', 'b'], ['a', 'b']), labels);
    expect(m.per_class.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(m.macro_f1).toBe(1);
    expect(m.uar).toBe(1);
    expect(m.accuracy).toBe(1);
  });

  it('has no NaN anywhere when nothing was predicted', () => {
    const m = computeMetrics([], labels);
    expect(m.clips).toBe(0);
    expect(m.speakers).toBe(0);
    expect(JSON.stringify(m)).not.toMatch(/NaN|null/);
    expect(m.accuracy).toBe(0);
    expect(m.macro_f1).toBe(0);
    expect(m.uar).toBe(0);
  });
});
