import { describe, expect, it } from 'vitest';
import { DEFAULT_AUGMENT, DEFAULT_FEATURE_CONFIG } from '../../../src/core/features/index.js';
import { bankSpec } from '../../../src/core/model/feature-bank.js';
import { makeTrainBatch } from '../../../src/core/model/training/train-batch.js';
import { FRAMES, MELS, syntheticPlan, syntheticSet } from './synthetic.js';

describe('training batches', () => {
  const { bank, items } = syntheticSet(4, 3, 1);
  const specs = items.map((i) => bankSpec(bank, i.clip));

  it('crops every clip to the model length and normalises it to about zero mean, unit variance', () => {
    const plan = syntheticPlan(specs, 3);
    const b = makeTrainBatch(bank, items, 7, plan);
    expect(b.size).toBe(items.length);
    expect(b.x.length).toBe(items.length * FRAMES * MELS);
    let sum = 0;
    let sq = 0;
    for (const v of b.x) {
      sum += v;
      sq += v * v;
    }
    const mean = sum / b.x.length;
    expect(Math.abs(mean)).toBeLessThan(0.3);
    expect(Math.sqrt(sq / b.x.length - mean * mean)).toBeGreaterThan(0.6);
    expect(Math.sqrt(sq / b.x.length - mean * mean)).toBeLessThan(1.5);
    // One-hot targets of the right class, unit weights.
    items.forEach((it, i) => expect(b.y[i * 3 + it.label]).toBe(1));
    expect(Array.from(b.w)).toEqual(new Array(items.length).fill(1));
  });

  it('is the same batch for the same seed, and another for another seed', () => {
    const plan = { ...syntheticPlan(specs, 3, true), mixupAlpha: 0.4 };
    const a = makeTrainBatch(bank, items, 11, plan);
    const again = makeTrainBatch(bank, items, 11, plan);
    const other = makeTrainBatch(bank, items, 12, plan);
    expect(Array.from(again.x)).toEqual(Array.from(a.x));
    expect(Array.from(again.y)).toEqual(Array.from(a.y));
    expect(Array.from(other.x)).not.toEqual(Array.from(a.x));
  });

  it('mixup keeps targets summing to one and each example at least half its own class', () => {
    const plan = { ...syntheticPlan(specs, 3), mixupAlpha: 0.4, classWeights: [1, 2, 3] };
    const b = makeTrainBatch(bank, items, 5, plan);
    let mixed = 0;
    items.forEach((it, i) => {
      const row = Array.from(b.y.subarray(i * 3, i * 3 + 3));
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
      expect(row[it.label]).toBeGreaterThanOrEqual(0.5 - 1e-6);
      if (row[it.label] < 0.999) mixed++;
      expect(b.w[i]).toBeGreaterThanOrEqual(1 - 1e-6);
      expect(b.w[i]).toBeLessThanOrEqual(3 + 1e-6);
    });
    expect(mixed).toBeGreaterThan(0);
  });

  it('masks set whole frames and bands to the normalised mean (0)', () => {
    const plan = syntheticPlan(specs, 3, true);
    plan.augment = { ...plan.augment, timeMasks: 1, timeMaskMax: FRAMES, freqMasks: 0 };
    const b = makeTrainBatch(bank, items, 3, plan);
    let zeroFrames = 0;
    for (let i = 0; i < b.size; i++) {
      for (let t = 0; t < FRAMES; t++) {
        const row = b.x.subarray((i * FRAMES + t) * MELS, (i * FRAMES + t + 1) * MELS);
        if (row.every((v) => v === 0)) zeroFrames++;
      }
    }
    expect(zeroFrames).toBeGreaterThan(0);
  });

  it('applies pitch, stretch and noise to the cached log-mel when switched on', () => {
    const cfg = { ...DEFAULT_FEATURE_CONFIG, nMels: MELS, nMfcc: MELS };
    const base = { ...syntheticPlan(specs, 3), featureConfig: cfg };
    const off = makeTrainBatch(bank, items, 9, base);
    const on = makeTrainBatch(bank, items, 9, {
      ...base,
      augmentProbability: 1,
      augment: { ...DEFAULT_AUGMENT, mask: false },
    });
    expect(Array.from(on.x)).not.toEqual(Array.from(off.x));
  });
});
