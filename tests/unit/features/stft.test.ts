import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEATURE_CONFIG,
  hannWindow,
  powerSpectrogram,
  stftFrameCount,
} from '../../../src/core/features/index.js';
import { argmax, sine } from './reference-fixtures.js';

const cfg = DEFAULT_FEATURE_CONFIG;

describe('hann window', () => {
  it('is periodic (scipy fftbins=True) and centred when shorter than nFft', () => {
    const w = hannWindow(8, 8);
    expect(Array.from(w).map((v) => Number(v.toFixed(6)))).toEqual([
      0, 0.146447, 0.5, 0.853553, 1, 0.853553, 0.5, 0.146447,
    ]);
    const padded = hannWindow(400, 512);
    expect(padded[55]).toBe(0);
    expect(padded[56]).toBe(0);
    expect(padded[256]).toBeCloseTo(1, 12);
    expect(padded[456]).toBe(0);
  });
});

describe('powerSpectrogram', () => {
  it('gives 1 + floor(n / hop) frames of nFft/2+1 bins (center=True)', () => {
    expect(stftFrameCount(16000, cfg)).toBe(101);
    expect(stftFrameCount(16159, cfg)).toBe(101);
    expect(stftFrameCount(0, cfg)).toBe(1);
    const spec = powerSpectrogram(new Float32Array(3200), cfg);
    expect(spec.frames).toBe(21);
    expect(spec.bins).toBe(257);
  });

  it('puts a bin-centred tone at its bin with power (A * sum(w) / 2)^2', () => {
    const hz = 40 * (cfg.sampleRate / cfg.nFft); // exactly bin 40 = 1250 Hz
    const amp = 0.5;
    const spec = powerSpectrogram(sine(hz, 1, cfg.sampleRate, amp), cfg);
    const t = 50;
    const row = spec.data.subarray(t * spec.bins, (t + 1) * spec.bins);
    expect(argmax(row)).toBe(40);
    const sumW = cfg.nFft / 2; // periodic Hann sums to N/2
    expect(row[40] / Math.pow((amp * sumW) / 2, 2)).toBeCloseTo(1, 3);
    // Hann's spectrum is (-1/4, 1/2, -1/4): the neighbours get half the amplitude, nothing further.
    expect(row[39] / row[40]).toBeCloseTo(1 / 4, 3);
    expect(row[45] / row[40]).toBeLessThan(1e-8);
  });

  it('satisfies Parseval per frame', () => {
    const x = new Float32Array(4000);
    for (let i = 0; i < x.length; i++)
      x[i] = Math.sin(i * 0.37) * Math.cos(i * 0.011) + 0.1 * Math.sin(i * 1.9);
    const spec = powerSpectrogram(x, cfg);
    const w = hannWindow(cfg.winLength, cfg.nFft);
    const t = 10; // an interior frame: samples t*hop - 256 .. t*hop + 255
    let timeEnergy = 0;
    for (let k = 0; k < cfg.nFft; k++) timeEnergy += Math.pow(x[t * cfg.hopLength - 256 + k] * w[k], 2);
    const row = spec.data.subarray(t * 257, t * 257 + 257);
    let freqEnergy = row[0] + row[256];
    for (let b = 1; b < 256; b++) freqEnergy += 2 * row[b];
    expect(freqEnergy / cfg.nFft / timeEnergy).toBeCloseTo(1, 4);
  });

  it('zero-pads at both ends rather than reflecting', () => {
    // A constant signal: the first frame sees only half a window of it.
    const spec = powerSpectrogram(new Float32Array(1600).fill(1), cfg);
    const first = spec.data[0];
    const middle = spec.data[5 * 257];
    expect(middle).toBeCloseTo(Math.pow(256, 2), 0);
    expect(first / middle).toBeCloseTo(0.25, 2);
  });
});
