// The classic baseline's classifier: a multinomial logistic regression fitted by L-BFGS.
import { describe, expect, it } from 'vitest';
import { minimiseLbfgs } from '../../../src/core/classic/lbfgs.js';
import { fitLogistic, logisticProbs } from '../../../src/core/classic/logistic-regression.js';
import { createRng } from '../../../src/core/util/random.js';

/** Three Gaussian clouds in 5 dimensions, class c centred at +3 on axis c. */
function clouds(
  perClass: number[],
  spread: number,
  seed: number,
): { rows: Float32Array[]; labels: number[] } {
  const rng = createRng(seed);
  const rows: Float32Array[] = [];
  const labels: number[] = [];
  perClass.forEach((n, c) => {
    for (let i = 0; i < n; i++) {
      const r = Float32Array.from({ length: 5 }, (_, d) => (d === c ? 3 : 0) + rng.normal() * spread);
      rows.push(r);
      labels.push(c);
    }
  });
  return { rows, labels };
}

describe('minimiseLbfgs', () => {
  it('finds the minimum of an ill-conditioned quadratic', () => {
    const scales = [1, 10, 100, 1000];
    const x = new Float64Array(4);
    const f = (p: Float64Array, g: Float64Array): number => {
      let v = 0;
      for (let i = 0; i < 4; i++) {
        const d = p[i] - (i + 1);
        v += 0.5 * scales[i] * d * d;
        g[i] = scales[i] * d;
      }
      return v;
    };
    const value = minimiseLbfgs(f, x, { maxIterations: 200, tolerance: 1e-9 });
    expect(value).toBeLessThan(1e-10);
    x.forEach((v, i) => expect(v).toBeCloseTo(i + 1, 5));
  });
});

describe('fitLogistic', () => {
  it('separates well-separated classes, with probabilities that sum to one', () => {
    const { rows, labels } = clouds([40, 40, 40], 0.5, 1);
    const model = fitLogistic(rows, labels, 3, { c: 1 });
    const test = clouds([20, 20, 20], 0.5, 2);
    let right = 0;
    test.rows.forEach((r, i) => {
      const p = logisticProbs(model, r);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      if (p.indexOf(Math.max(...p)) === test.labels[i]) right++;
    });
    expect(right / test.rows.length).toBeGreaterThan(0.95);
  });

  it('is deterministic: the same data give the same weights', () => {
    const { rows, labels } = clouds([30, 30, 30], 1.5, 3);
    const a = fitLogistic(rows, labels, 3);
    const b = fitLogistic(rows, labels, 3);
    expect(b.weights).toEqual(a.weights);
    expect(b.bias).toEqual(a.bias);
  });

  it('stronger regularisation (smaller C) shrinks the weights', () => {
    const { rows, labels } = clouds([30, 30, 30], 1.5, 4);
    const norm = (w: number[]) => Math.sqrt(w.reduce((a, v) => a + v * v, 0));
    expect(norm(fitLogistic(rows, labels, 3, { c: 0.01 }).weights)).toBeLessThan(
      norm(fitLogistic(rows, labels, 3, { c: 10 }).weights),
    );
  });

  it('with balanced class weights, a rare class is predicted more often than without', () => {
    const { rows, labels } = clouds([150, 150, 12], 2.5, 5);
    const test = clouds([0, 0, 200], 2.5, 6);
    const hits = (balanced: boolean): number => {
      const model = fitLogistic(rows, labels, 3, { balanced });
      return test.rows.filter((r) => {
        const p = logisticProbs(model, r);
        return p.indexOf(Math.max(...p)) === 2;
      }).length;
    };
    expect(hits(true)).toBeGreaterThan(hits(false) + 20);
  });

  it('weighs classes by inverse frequency unless asked not to', () => {
    const { rows, labels } = clouds([150, 150, 12], 2.5, 5);
    const byDefault = fitLogistic(rows, labels, 3);
    expect(byDefault).toEqual(fitLogistic(rows, labels, 3, { balanced: true }));
    expect(byDefault).not.toEqual(fitLogistic(rows, labels, 3, { balanced: false }));
  });

  it('refuses rows of the wrong width', () => {
    const { rows, labels } = clouds([5, 5, 5], 1, 7);
    const model = fitLogistic(rows, labels, 3);
    expect(() => logisticProbs(model, new Float32Array(4))).toThrow(/4 features, the model 5/);
  });
});
