import { describe, expect, it } from 'vitest';
import {
  DEFAULT_AUGMENT,
  maskSpec,
  type AugmentConfig,
  type Spectrogram,
} from '../../../src/core/features/index.js';
import { createRng } from '../../../src/core/util/random.js';

const ones = (frames: number, bins: number): Spectrogram => ({
  frames,
  bins,
  data: new Float32Array(frames * bins).fill(1),
});

function maskedFramesAndBins(s: Spectrogram): { frames: number; bins: number; zeros: number } {
  let frames = 0;
  let bins = 0;
  let zeros = 0;
  for (let t = 0; t < s.frames; t++) {
    let all = true;
    for (let b = 0; b < s.bins; b++) all &&= s.data[t * s.bins + b] === 0;
    if (all) frames++;
  }
  for (let b = 0; b < s.bins; b++) {
    let all = true;
    for (let t = 0; t < s.frames; t++) all &&= s.data[t * s.bins + b] === 0;
    if (all) bins++;
  }
  for (const v of s.data) if (v === 0) zeros++;
  return { frames, bins, zeros };
}

describe('maskSpec', () => {
  const timeOnly: AugmentConfig = { ...DEFAULT_AUGMENT, timeMasks: 1, timeMaskMax: 10, freqMasks: 0 };
  const freqOnly: AugmentConfig = { ...DEFAULT_AUGMENT, timeMasks: 0, freqMasks: 1, freqMaskMax: 8 };

  it('blanks whole frames, 0..timeMaskMax of them, uniformly', () => {
    const rng = createRng(1);
    const widths: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const m = maskedFramesAndBins(maskSpec(ones(100, 16), timeOnly, rng, 0));
      expect(m.frames).toBeLessThanOrEqual(10);
      expect(m.zeros).toBe(m.frames * 16);
      widths.push(m.frames);
    }
    expect(new Set(widths).size).toBe(11);
    expect(widths.reduce((a, b) => a + b) / widths.length).toBeCloseTo(5, 0);
  });

  it('blanks whole bins, 0..freqMaskMax of them', () => {
    const rng = createRng(2);
    let total = 0;
    for (let i = 0; i < 2000; i++) {
      const m = maskedFramesAndBins(maskSpec(ones(50, 64), freqOnly, rng, 0));
      expect(m.bins).toBeLessThanOrEqual(8);
      expect(m.zeros).toBe(m.bins * 50);
      total += m.bins;
    }
    expect(total / 2000).toBeCloseTo(4, 0);
  });

  it('uses the fill value, leaves the input untouched, never exceeds a short clip', () => {
    const input = ones(5, 4);
    const out = maskSpec(
      input,
      { ...DEFAULT_AUGMENT, timeMasks: 3, timeMaskMax: 50, freqMasks: 0 },
      createRng(3),
      -7,
    );
    expect(out.frames).toBe(5);
    expect(Array.from(out.data).every((v) => v === 1 || v === -7)).toBe(true);
    expect(Array.from(input.data).every((v) => v === 1)).toBe(true);
  });

  it('repeats from a seed and is off when the switch is off', () => {
    const s = ones(100, 64);
    expect(maskSpec(s, DEFAULT_AUGMENT, createRng(9), 0).data).toEqual(
      maskSpec(s, DEFAULT_AUGMENT, createRng(9), 0).data,
    );
    expect(maskSpec(s, { ...DEFAULT_AUGMENT, mask: false }, createRng(9), 0)).toBe(s);
  });
});
