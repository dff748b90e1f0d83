import { describe, expect, it } from 'vitest';
import {
  augmentMel,
  DEFAULT_AUGMENT,
  DEFAULT_FEATURE_CONFIG,
  logMelSpectrogram,
  type AugmentConfig,
} from '../../../src/core/features/index.js';
import { createRng } from '../../../src/core/util/random.js';
import { loadReference } from './reference-fixtures.js';

const cfg = DEFAULT_FEATURE_CONFIG;
const clean = logMelSpectrogram(loadReference('speech').samples, cfg);
const off: AugmentConfig = { ...DEFAULT_AUGMENT, pitch: false, stretch: false, noise: false, mask: false };

describe('augmentMel', () => {
  it('does nothing when every switch is off', () => {
    expect(augmentMel(clean, off, createRng(1), cfg)).toBe(clean);
  });

  it('ignores the mask switch (the trainer masks after normalising)', () => {
    expect(augmentMel(clean, { ...off, mask: true }, createRng(1), cfg)).toBe(clean);
  });

  it('gives identical output for a fixed seed and different output for another', () => {
    const a = augmentMel(clean, DEFAULT_AUGMENT, createRng(42), cfg);
    const b = augmentMel(clean, DEFAULT_AUGMENT, createRng(42), cfg);
    const c = augmentMel(clean, DEFAULT_AUGMENT, createRng(43), cfg);
    expect(a.frames).toBe(b.frames);
    expect(a.data).toEqual(b.data);
    expect(a.data).not.toEqual(c.data);
  });

  it('applies only what is switched on', () => {
    const frameCounts = new Set<number>();
    for (let s = 0; s < 20; s++) {
      const stretched = augmentMel(clean, { ...off, stretch: true }, createRng(s), cfg);
      expect(stretched.frames).toBeGreaterThanOrEqual(Math.floor(clean.frames / 1.15));
      expect(stretched.frames).toBeLessThanOrEqual(Math.ceil(clean.frames / 0.85));
      frameCounts.add(stretched.frames);
    }
    expect(frameCounts.size).toBeGreaterThan(5);

    const pitched = augmentMel(clean, { ...off, pitch: true }, createRng(3), cfg);
    expect(pitched.frames).toBe(clean.frames);
    expect(pitched.data).not.toEqual(clean.data);

    const noisy = augmentMel(clean, { ...off, noise: true }, createRng(3), cfg);
    expect(noisy.frames).toBe(clean.frames);
    let louder = 0;
    for (let i = 0; i < clean.data.length; i++) if (noisy.data[i] > clean.data[i] + 0.01) louder++;
    expect(louder).toBeGreaterThan(clean.data.length / 2);
  });

  it('does not modify its input', () => {
    const copy = clean.data.slice();
    augmentMel(clean, DEFAULT_AUGMENT, createRng(8), cfg);
    expect(clean.data).toEqual(copy);
  });
});
