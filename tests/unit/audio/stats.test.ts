import { describe, expect, it } from 'vitest';
import { audioStats } from '../../../src/core/audio/node/index.js';
import { sine } from './helpers/signals.js';

describe('audioStats', () => {
  it('measures a sine: duration, peak, RMS = peak / sqrt(2)', () => {
    const stats = audioStats(sine(1000, 16000, 2, 0.5), 16000);
    expect(stats.durationS).toBe(2);
    expect(stats.peak).toBeCloseTo(0.5, 4);
    expect(stats.rms).toBeCloseTo(0.5 / Math.SQRT2, 4);
    expect(stats.clippedFraction).toBe(0);
    expect(stats.silentFraction).toBe(0);
  });

  it('counts samples at or beyond 32767/32768 as clipped, on either side', () => {
    const x = new Float32Array(1000).fill(0.5);
    x[0] = 1;
    x[1] = -1;
    x[2] = 32767 / 32768;
    x[3] = 32766 / 32768;
    x[4] = 1.7;
    const stats = audioStats(x, 16000);
    expect(stats.clippedFraction).toBe(4 / 1000);
    expect(stats.peak).toBeCloseTo(1.7, 6);
  });

  it('silentFraction is the share of 25 ms frames under -60 dBFS RMS', () => {
    // 1 s at 16 kHz = 40 frames of 400 samples; make frames 10..19 quiet (-70 dBFS) and 30..39 zero
    const x = sine(500, 16000, 1, 0.3);
    for (let i = 4000; i < 8000; i++) x[i] *= 0.001;
    x.fill(0, 12000);
    expect(audioStats(x, 16000).silentFraction).toBe(20 / 40);
  });

  it('treats a frame just above -60 dBFS RMS as not silent', () => {
    const level = 0.0011 * Math.SQRT2; // RMS 0.0011 = -59.2 dBFS
    expect(audioStats(sine(1000, 16000, 0.1, level), 16000).silentFraction).toBe(0);
    expect(audioStats(sine(1000, 16000, 0.1, 0.0009 * Math.SQRT2), 16000).silentFraction).toBe(1);
  });

  it('judges the last frame, which takes the leftover samples, on its own length', () => {
    // 1599 samples at 16 kHz: frames of 400, 400 and 799; the last at RMS 0.0009 (-61 dBFS) is silent
    const x = new Float32Array(1599).fill(0.0009);
    x.fill(0.3, 0, 800);
    expect(audioStats(x, 16000).silentFraction).toBe(1 / 3);
  });

  it('uses 25 ms frames at any sample rate', () => {
    // 44.1 kHz: frames of 1103 samples; 1 s = 39 whole frames plus a remainder folded into the last
    const x = sine(500, 44100, 1, 0.3);
    x.fill(0, 0, 1103 * 3);
    expect(audioStats(x, 44100).silentFraction).toBeCloseTo(3 / 39, 10);
  });

  it('handles clips shorter than one frame and empty input', () => {
    expect(audioStats(Float32Array.from([0.5, -0.5]), 16000)).toEqual({
      durationS: 2 / 16000,
      peak: 0.5,
      rms: 0.5,
      clippedFraction: 0,
      silentFraction: 0,
    });
    expect(audioStats(new Float32Array(0), 16000)).toEqual({
      durationS: 0,
      peak: 0,
      rms: 0,
      clippedFraction: 0,
      silentFraction: 1,
    });
  });
});
