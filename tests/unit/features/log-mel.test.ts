import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEATURE_CONFIG,
  logMelSpectrogram,
  melFilterbank,
  spectrogramMax,
} from '../../../src/core/features/index.js';
import { argmax, loadReference, meanOverFrames, sine } from './reference-fixtures.js';

const cfg = DEFAULT_FEATURE_CONFIG;

describe('logMelSpectrogram versus librosa (shared/reference)', () => {
  it.each(['tone1k', 'chirp', 'speech'] as const)('%s matches within 0.01 dB', (name) => {
    const ref = loadReference(name);
    expect(ref.config.db).toMatch(/db\.max\(\)-80/);
    const ours = logMelSpectrogram(ref.samples, cfg);
    const oursTop = logMelSpectrogram(ref.samples, cfg, { topDb: 80 });
    expect([ours.frames, ours.bins]).toEqual([ref.logMelDb.frames, ref.logMelDb.bins]);
    const floor = spectrogramMax(ref.logMelDb) - 80;
    let above = 0;
    for (let i = 0; i < ours.data.length; i++) {
      const r = ref.logMelDb.data[i];
      // With top_db the whole array matches, floor included.
      expect(Math.abs(oursTop.data[i] - r)).toBeLessThan(0.01);
      if (r > floor + 0.01) {
        expect(Math.abs(ours.data[i] - r)).toBeLessThan(0.01);
        above++;
      } else {
        expect(ours.data[i]).toBeLessThanOrEqual(r + 0.01);
      }
    }
    expect(above).toBeGreaterThan(ours.data.length / 20);
  });

  it('applies dB = 10 log10(max(S, 1e-10)) to silence', () => {
    const spec = logMelSpectrogram(new Float32Array(1600), cfg);
    expect(spec.frames).toBe(11);
    for (const v of spec.data) expect(v).toBeCloseTo(-100, 5);
  });
});

describe('a pure tone lands in the mel band containing it', () => {
  const fb = melFilterbank(cfg);
  it.each([200, 440, 1000, 2500, 5200, 7000])('%d Hz', (hz) => {
    const profile = meanOverFrames(logMelSpectrogram(sine(hz, 0.5), cfg));
    const band = argmax(profile);
    expect(fb.edges[band]).toBeLessThan(hz);
    expect(fb.edges[band + 2]).toBeGreaterThan(hz);
    // ... and in the band whose centre is nearest (in mel, where the bands are evenly spaced).
    let nearest = 0;
    for (let m = 1; m < fb.nMels; m++) {
      if (Math.abs(fb.centres[m] - hz) < Math.abs(fb.centres[nearest] - hz)) nearest = m;
    }
    expect(Math.abs(band - nearest)).toBeLessThanOrEqual(1);
    // Far bands stay at least 40 dB down.
    expect(profile[band] - profile[(band + 20) % fb.nMels]).toBeGreaterThan(40);
  });
});
