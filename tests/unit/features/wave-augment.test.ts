import { describe, expect, it } from 'vitest';
import { addNoiseWave, pitchShiftWave, timeStretchWave } from '../../../src/core/features/index.js';
import { createRng } from '../../../src/core/util/random.js';
import { sine } from './reference-fixtures.js';

const SR = 16000;

/** Frequency from upward zero crossings over [from, to). */
function toneHz(x: Float32Array, from: number, to: number): number {
  let first = -1;
  let last = -1;
  let count = 0;
  for (let i = from + 1; i < to; i++) {
    if (x[i - 1] < 0 && x[i] >= 0) {
      if (first < 0) first = i;
      else count++;
      last = i;
    }
  }
  return (count * SR) / (last - first);
}

/** First and last sample above a threshold. */
function extent(x: Float32Array, threshold = 0.05): [number, number] {
  let a = -1;
  let b = -1;
  for (let i = 0; i < x.length; i++) {
    if (Math.abs(x[i]) > threshold) {
      if (a < 0) a = i;
      b = i;
    }
  }
  return [a, b];
}

/** 0.5 s silence, 1 s tone, 0.5 s silence. */
function burst(hz: number): Float32Array {
  const x = new Float32Array(2 * SR);
  x.set(sine(hz, 1, SR, 0.5), SR / 2);
  return x;
}

describe('pitchShiftWave (SoundTouch)', () => {
  it.each([2, -2, 3.5])('moves pitch by %d semitones and keeps duration', (semitones) => {
    const x = sine(440, 2, SR);
    const y = pitchShiftWave(x, semitones, SR);
    expect(y.length).toBe(x.length);
    const expected = 440 * Math.pow(2, semitones / 12);
    expect(Math.abs(toneHz(y, 4000, y.length - 4000) / expected - 1)).toBeLessThan(0.01);
  });

  it('keeps events in place', () => {
    const y = pitchShiftWave(burst(300), 2, SR);
    const [a, b] = extent(y);
    expect(Math.abs(a - SR / 2)).toBeLessThan(0.03 * SR);
    expect(Math.abs(b - 1.5 * SR)).toBeLessThan(0.03 * SR);
  });

  it('returns a copy at 0 semitones', () => {
    const x = sine(300, 0.2, SR);
    const y = pitchShiftWave(x, 0, SR);
    expect(y).toEqual(x);
    expect(y).not.toBe(x);
  });
});

describe('timeStretchWave (SoundTouch)', () => {
  it.each([0.8, 0.85, 1.15, 1.25])('divides duration by rate %d and keeps pitch', (rate) => {
    const x = burst(440);
    const y = timeStretchWave(x, rate, SR);
    expect(y.length).toBe(Math.round(x.length / rate));
    const [a, b] = extent(y);
    expect(Math.abs(a - SR / 2 / rate)).toBeLessThan(0.03 * SR);
    expect(Math.abs(b - a - SR / rate)).toBeLessThan(0.04 * SR);
    expect(Math.abs(toneHz(y, a + 800, b - 800) / 440 - 1)).toBeLessThan(0.01);
  });

  it('rejects bad rates', () => {
    expect(() => timeStretchWave(new Float32Array(10), 0, SR)).toThrow(RangeError);
  });
});

describe('addNoiseWave', () => {
  it.each([5, 10, 20])('adds white noise at %d dB SNR', (snr) => {
    const x = sine(500, 2, SR, 0.3);
    const y = addNoiseWave(x, snr, createRng(snr));
    let ps = 0;
    let pn = 0;
    for (let i = 0; i < x.length; i++) {
      ps += x[i] * x[i];
      pn += (y[i] - x[i]) ** 2;
    }
    expect(Math.abs(10 * Math.log10(ps / pn) - snr)).toBeLessThan(0.2);
  });

  it('repeats from a seed and leaves silence silent', () => {
    const x = sine(500, 0.1, SR);
    expect(addNoiseWave(x, 10, createRng(1))).toEqual(addNoiseWave(x, 10, createRng(1)));
    expect(Array.from(addNoiseWave(new Float32Array(100), 10, createRng(1))).every((v) => v === 0)).toBe(
      true,
    );
  });
});
