import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PLATEAU,
  PlateauTracker,
  cosineRate,
  createRateController,
} from '../../../src/core/model/training/schedules.js';

describe('cosine schedule', () => {
  const s = { kind: 'cosine' as const, warmupEpochs: 2, finalFraction: 0.1 };

  it('warms up linearly, peaks at the base rate, then decays to the final fraction', () => {
    expect(cosineRate(1, 0, 10, s)).toBeCloseTo(0.1, 9);
    expect(cosineRate(1, 1, 10, s)).toBeCloseTo(0.55, 9);
    expect(cosineRate(1, 2, 10, s)).toBeCloseTo(1, 9);
    // Half-way through the decay: the midpoint between the base and the floor.
    expect(cosineRate(1, 6, 10, s)).toBeCloseTo(0.55, 9);
    expect(cosineRate(1, 10, 10, s)).toBeCloseTo(0.1, 9);
    expect(cosineRate(1, 12, 10, s)).toBeCloseTo(0.1, 9);
  });

  it('never rises after the warm-up', () => {
    let last = Infinity;
    for (let p = 2; p <= 10; p += 0.25) {
      const r = cosineRate(2e-3, p, 10, s);
      expect(r).toBeLessThanOrEqual(last + 1e-15);
      last = r;
    }
  });

  it('copes with a one-epoch run', () => {
    expect(cosineRate(1, 0, 1, s)).toBeCloseTo(1, 9);
    expect(cosineRate(1, 1, 1, s)).toBeCloseTo(0.1, 9);
  });
});

describe('reduce on plateau', () => {
  it('halves the rate after `patience` epochs without improvement, down to the minimum', () => {
    const t = new PlateauTracker(1, { ...DEFAULT_PLATEAU, patience: 2, factor: 0.5, minFraction: 0.2 });
    expect(t.update(1.0)).toBe(1);
    expect(t.update(0.9)).toBe(1);
    expect(t.update(0.95)).toBe(1);
    expect(t.update(0.91)).toBe(0.5);
    expect(t.update(0.92)).toBe(0.5);
    expect(t.update(0.93)).toBe(0.25);
    expect(t.update(0.94)).toBe(0.25);
    expect(t.update(0.99)).toBe(0.2);
    expect(t.update(0.5)).toBe(0.2);
  });

  it('is driven through the rate controller by validation losses', () => {
    const c = createRateController(1e-3, 20, { ...DEFAULT_PLATEAU, patience: 1 });
    expect(c.rateAt(0)).toBe(1e-3);
    c.endEpoch(1);
    c.endEpoch(1.1);
    expect(c.rateAt(3.5)).toBe(5e-4);
    c.endEpoch(null);
    expect(c.rateAt(4)).toBe(5e-4);
  });
});
