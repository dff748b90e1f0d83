import { describe, expect, it } from 'vitest';
import { computeFoldMetrics, computeMetrics } from '../../../src/core/metrics/index.js';
import { row_, rowsFromPairs } from './rows.js';

describe('computeMetrics input checks', () => {
  it('rejects a label or prediction outside the label set instead of dropping it', () => {
    expect(() => computeMetrics(rowsFromPairs(['a', 'x'], ['a', 'a']), ['a', 'b'])).toThrow(
      /label "x" of .* is not in the label set \[a, b\]/,
    );
    expect(() => computeMetrics(rowsFromPairs(['a'], ['z']), ['a', 'b'])).toThrow(/prediction "z"/);
  });

  it('rejects an empty or duplicated label set', () => {
    expect(() => computeMetrics([], [])).toThrow(/empty/);
    expect(() => computeMetrics([], ['a', 'a'])).toThrow(/twice/);
  });

  it('orders the confusion matrix by the given label order, not by appearance', () => {
    const m = computeMetrics(rowsFromPairs(['b', 'a', 'a'], ['b', 'b', 'a']), ['b', 'a']);
    expect(m.labels).toEqual(['b', 'a']);
    expect(m.confusion).toEqual([
      [1, 0],
      [1, 1],
    ]);
  });

  it('does not keep a reference to the caller label array', () => {
    const labels = ['a', 'b'];
    const m = computeMetrics([], labels);
    labels.push('c');
    expect(m.labels).toEqual(['a', 'b']);
  });
});

describe('computeFoldMetrics', () => {
  it('scores each fold on its own, in fold order, skipping rows without a fold', () => {
    const rows = [
      { ...row_('a', 'a', 's2'), fold: 2 },
      { ...row_('a', 'b', 's2'), fold: 2 },
      { ...row_('b', 'b', 's1'), fold: 0 },
      row_('b', 'a', 's9'),
    ];
    const folds = computeFoldMetrics(rows, ['a', 'b']);
    expect(folds.map((f) => f.fold)).toEqual([0, 2]);
    expect(folds[0].metrics.accuracy).toBe(1);
    expect(folds[1].metrics.accuracy).toBe(0.5);
    expect(folds[1].metrics.per_speaker).toEqual({ s2: { accuracy: 0.5, clips: 2 } });
  });
});
