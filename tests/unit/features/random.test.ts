import { describe, expect, it } from 'vitest';
import { createRng, sampleGamma } from '../../../src/core/util/random.js';

describe('createRng', () => {
  it('repeats exactly from a seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 50 }, () => a.next());
    const seqB = Array.from({ length: 50 }, () => b.next());
    const seqC = Array.from({ length: 50 }, () => c.next());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
  });

  it('next() is uniform in [0, 1)', () => {
    const rng = createRng(1);
    const n = 100_000;
    const buckets = new Array<number>(10).fill(0);
    let sum = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = rng.next();
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      buckets[Math.floor(v * 10)]++;
      sum += v;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    for (const count of buckets) expect(Math.abs(count - n / 10)).toBeLessThan(600);
  });

  it('int() covers [0, max) and nothing else', () => {
    const rng = createRng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(5));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(() => rng.int(0)).toThrow(RangeError);
  });

  it('normal() has mean 0 and variance 1', () => {
    const rng = createRng(3);
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
    }
    expect(s / n).toBeCloseTo(0, 1);
    expect(s2 / n).toBeGreaterThan(0.98);
    expect(s2 / n).toBeLessThan(1.02);
  });

  it('uniform(a, b) stays in range', () => {
    const rng = createRng(9);
    const values = Array.from({ length: 1000 }, () => rng.uniform(-3, 2));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-3);
    expect(Math.max(...values)).toBeLessThan(2);
    expect(Math.min(...values)).toBeLessThan(-2.9);
    expect(Math.max(...values)).toBeGreaterThan(1.9);
  });

  it('shuffle() permutes in place and repeats from a seed', () => {
    const arr = Array.from({ length: 20 }, (_, i) => i);
    const shuffled = createRng(5).shuffle(arr.slice());
    expect(shuffled.slice().sort((x, y) => x - y)).toEqual(arr);
    expect(shuffled).not.toEqual(arr);
    expect(createRng(5).shuffle(arr.slice())).toEqual(shuffled);
    const target = [1, 2, 3];
    expect(createRng(1).shuffle(target)).toBe(target);
  });
});

describe('sampleGamma', () => {
  it.each([0.5, 1, 3.7, 20])('shape %d has mean k and variance k', (k) => {
    const rng = createRng(11);
    const n = 60_000;
    let s = 0;
    let s2 = 0;
    let lo = Infinity;
    for (let i = 0; i < n; i++) {
      const g = sampleGamma(rng, k);
      lo = Math.min(lo, g);
      s += g;
      s2 += g * g;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    expect(Math.abs(mean - k) / k).toBeLessThan(0.03);
    expect(Math.abs(variance - k) / k).toBeLessThan(0.08);
  });
});
