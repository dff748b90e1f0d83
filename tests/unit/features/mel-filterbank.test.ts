import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_CONFIG, hzToMel, melFilterbank } from '../../../src/core/features/index.js';
import { argmax } from './reference-fixtures.js';

const cfg = DEFAULT_FEATURE_CONFIG;
const fb = melFilterbank(cfg);
const binHz = cfg.sampleRate / cfg.nFft;

describe('mel filterbank (librosa.filters.mel defaults)', () => {
  it('has shape [64][257], non-negative, no empty filter', () => {
    expect(fb.weights.length).toBe(64);
    for (const row of fb.weights) {
      expect(row.length).toBe(257);
      expect(Math.min(...row)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...row)).toBeGreaterThan(0);
    }
  });

  it('places band edges evenly on the mel scale from fmin to fmax', () => {
    expect(fb.edges.length).toBe(66);
    expect(fb.edges[0]).toBeCloseTo(0, 9);
    expect(fb.edges[65]).toBeCloseTo(8000, 6);
    const step = hzToMel(8000) / 65;
    for (let i = 1; i < fb.edges.length; i++)
      expect(hzToMel(fb.edges[i]) - hzToMel(fb.edges[i - 1])).toBeCloseTo(step, 9);
  });

  it('normalises each triangle to unit area in Hz (height 2/(f[i+2]-f[i]))', () => {
    for (let m = 0; m < fb.nMels; m++) {
      const height = 2 / (fb.edges[m + 2] - fb.edges[m]);
      expect(Math.max(...fb.weights[m])).toBeLessThanOrEqual(height * (1 + 1e-6));
      // The sampled triangle's Riemann sum approaches its area once it spans enough bins.
      const width = fb.edges[m + 2] - fb.edges[m];
      if (width > 8 * binHz) expect(Math.abs(fb.rowSum[m] * binHz - 1)).toBeLessThan(0.01);
    }
  });

  it('has each weight equal to the triangle at that bin frequency', () => {
    const m = 40;
    const [lo, c, hi] = [fb.edges[m], fb.edges[m + 1], fb.edges[m + 2]];
    const height = 2 / (hi - lo);
    for (let b = 0; b < 257; b++) {
      const f = b * binHz;
      const tri = f <= lo || f >= hi ? 0 : f <= c ? (f - lo) / (c - lo) : (hi - f) / (hi - c);
      expect(fb.weights[m][b]).toBeCloseTo(height * tri, 7);
    }
  });

  it('peaks at the bin nearest each centre frequency', () => {
    for (let m = 0; m < fb.nMels; m++) {
      const peak = argmax(fb.weights[m]);
      expect(Math.abs(peak * binHz - fb.centres[m])).toBeLessThanOrEqual(binHz);
    }
  });

  it('sparse rows reproduce the dense weights', () => {
    for (let m = 0; m < fb.nMels; m++) {
      const rebuilt = new Float32Array(257);
      for (let k = 0; k < fb.length[m]; k++) rebuilt[fb.start[m] + k] = fb.values[fb.offset[m] + k];
      expect(rebuilt).toEqual(fb.weights[m]);
    }
  });
});
