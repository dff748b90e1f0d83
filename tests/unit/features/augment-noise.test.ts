import { describe, expect, it } from 'vitest';
import {
  addNoiseMel,
  DEFAULT_FEATURE_CONFIG,
  estimateMeanPower,
  logMelSpectrogram,
  melPowerSpectrogram,
  type Spectrogram,
} from '../../../src/core/features/index.js';
import { createRng } from '../../../src/core/util/random.js';
import { loadReference, sine } from './reference-fixtures.js';

const cfg = DEFAULT_FEATURE_CONFIG;
const speech = loadReference('speech').samples;
const meanPower = (x: Float32Array): number => x.reduce((s, v) => s + v * v, 0) / x.length;

/** Per band: mean and coefficient of variation over frames of a linear power spectrogram. */
function bandStats(
  power: (t: number, m: number) => number,
  frames: number,
  bins: number,
): { mean: number[]; cv: number[] } {
  const mean: number[] = [];
  const cv: number[] = [];
  for (let m = 0; m < bins; m++) {
    let s = 0;
    let s2 = 0;
    for (let t = 0; t < frames; t++) {
      const v = power(t, m);
      s += v;
      s2 += v * v;
    }
    const mu = s / frames;
    mean.push(mu);
    cv.push(Math.sqrt(Math.max(0, s2 / frames - mu * mu)) / mu);
  }
  return { mean, cv };
}

/** Noise power the mel-domain augmentation added, per (frame, band). */
function addedNoise(clean: Spectrogram, noisy: Spectrogram): (t: number, m: number) => number {
  return (t, m) => Math.pow(10, noisy.data[t * 64 + m] / 10) - Math.pow(10, clean.data[t * 64 + m] / 10);
}

describe('addNoiseMel', () => {
  it('estimates the clip mean power from its log-mel', () => {
    const tone = sine(1000, 1);
    for (const x of [speech, tone]) {
      const ratioDb = 10 * Math.log10(estimateMeanPower(logMelSpectrogram(x, cfg), cfg) / meanPower(x));
      expect(Math.abs(ratioDb)).toBeLessThan(0.25);
    }
  });

  it.each([0, 10, 20, 30])('adds the per-band noise power of real white noise at %d dB SNR', (snr) => {
    const clean = logMelSpectrogram(speech, cfg);
    const noisy = addNoiseMel(clean, snr, createRng(100 + snr), cfg);
    const rng = createRng(7);
    const sd = Math.sqrt(meanPower(speech) / Math.pow(10, snr / 10));
    const real = melPowerSpectrogram(
      Float32Array.from(speech, () => sd * rng.normal()),
      cfg,
    );
    const ours = bandStats(addedNoise(clean, noisy), clean.frames, 64);
    const truth = bandStats((t, m) => real.data[t * 64 + m], real.frames, 64);
    let meanDiffDb = 0;
    for (let m = 0; m < 64; m++) meanDiffDb += 10 * Math.log10(ours.mean[m] / truth.mean[m]);
    meanDiffDb /= 64;
    // The requested SNR within 1 dB on average over bands.
    expect(Math.abs(meanDiffDb)).toBeLessThan(1);
    // Realistic fluctuation: the frame-to-frame spread of real noise in each band (low bands few bins: wide spread).
    for (const m of [4, 20, 40, 60])
      expect(Math.abs(ours.cv[m] - truth.cv[m]) / truth.cv[m]).toBeLessThan(0.3);
    expect(ours.cv[4]).toBeGreaterThan(ours.cv[60]);
  });

  it('only ever adds power', () => {
    const clean = logMelSpectrogram(speech, cfg);
    const noisy = addNoiseMel(clean, 15, createRng(1), cfg);
    let raised = 0;
    for (let i = 0; i < clean.data.length; i++) {
      expect(noisy.data[i]).toBeGreaterThanOrEqual(clean.data[i] - 1e-4);
      if (noisy.data[i] > clean.data[i] + 0.01) raised++;
    }
    expect(raised).toBeGreaterThan(clean.data.length / 2);
  });

  it('repeats exactly from a seed', () => {
    const clean = logMelSpectrogram(speech, cfg);
    expect(addNoiseMel(clean, 10, createRng(4), cfg).data).toEqual(
      addNoiseMel(clean, 10, createRng(4), cfg).data,
    );
    expect(addNoiseMel(clean, 10, createRng(4), cfg).data).not.toEqual(
      addNoiseMel(clean, 10, createRng(5), cfg).data,
    );
  });
});
