import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEATURE_CONFIG,
  hzToMel,
  logMelSpectrogram,
  pitchShiftMel,
  spectrogramMin,
  timeStretchMel,
  type Spectrogram,
} from '../../../src/core/features/index.js';
import { argmax, meanOverFrames, sine } from './reference-fixtures.js';

const cfg = DEFAULT_FEATURE_CONFIG;
const melStep = hzToMel(cfg.fmax) / (cfg.nMels + 1);

/** Peak position of a profile in fractional bands (parabolic interpolation around the maximum, in dB). */
function peakBand(profile: Float64Array): number {
  const k = argmax(profile);
  if (k === 0 || k === profile.length - 1) return k;
  const [a, b, c] = [profile[k - 1], profile[k], profile[k + 1]];
  return k + (0.5 * (a - c)) / (a - 2 * b + c);
}

describe('pitchShiftMel', () => {
  it.each([
    [1000, 2],
    [1000, -2],
    [300, 2],
    [2500, -1.5],
    [500, 12],
  ])('moves a %d Hz tone band by %d semitones', (hz, semitones) => {
    const shifted = pitchShiftMel(logMelSpectrogram(sine(hz, 0.5), cfg), semitones, cfg);
    const target = hz * Math.pow(2, semitones / 12);
    const direct = logMelSpectrogram(sine(target, 0.5), cfg);
    const got = peakBand(meanOverFrames(shifted));
    expect(argmax(meanOverFrames(shifted))).toBe(argmax(meanOverFrames(direct)));
    // In mel bands: where the shifted tone's frequency sits on the evenly spaced centres.
    const expected = hzToMel(target) / melStep - 1;
    expect(Math.abs(got - expected)).toBeLessThan(0.35);
    expect(Math.abs(got - peakBand(meanOverFrames(direct)))).toBeLessThan(0.35);
  });

  it('keeps shape and frames, is the identity at 0 semitones', () => {
    const spec = logMelSpectrogram(sine(700, 0.3), cfg);
    const same = pitchShiftMel(spec, 0, cfg);
    expect([same.frames, same.bins]).toEqual([spec.frames, spec.bins]);
    for (let i = 0; i < spec.data.length; i++) expect(same.data[i]).toBeCloseTo(spec.data[i], 4);
  });

  it('fills bands above fmax with the clip floor when shifting down', () => {
    const spec = logMelSpectrogram(sine(7500, 0.3), cfg);
    const down = pitchShiftMel(spec, -4, cfg);
    const floor = spectrogramMin(spec);
    expect(down.data[down.data.length - 1]).toBe(floor);
    expect(down.data[(down.frames >> 1) * 64 + 63]).toBe(floor);
  });
});

describe('timeStretchMel', () => {
  /** 100 frames of -80 dB with a loud block at frames 40..59. */
  function block(): Spectrogram {
    const s: Spectrogram = { frames: 100, bins: 4, data: new Float32Array(400).fill(-80) };
    s.data.fill(0, 40 * 4, 60 * 4);
    return s;
  }
  const loudFrames = (s: Spectrogram): number[] => {
    const out: number[] = [];
    for (let t = 0; t < s.frames; t++) if (s.data[t * s.bins] > -40) out.push(t);
    return out;
  };

  it.each([0.8, 0.85, 1.15, 1.25])('changes frame count and event timing by rate %d', (rate) => {
    const out = timeStretchMel(block(), rate);
    expect(out.frames).toBe(Math.round(100 / rate));
    expect(out.bins).toBe(4);
    const loud = loudFrames(out);
    expect(Math.abs(loud[0] - 40 / rate)).toBeLessThanOrEqual(1);
    expect(Math.abs(loud.length - 20 / rate)).toBeLessThanOrEqual(1.5);
  });

  it('leaves the frequency profile alone', () => {
    const spec = logMelSpectrogram(sine(1500, 1), cfg);
    const out = timeStretchMel(spec, 1.2);
    expect(argmax(meanOverFrames(out))).toBe(argmax(meanOverFrames(spec)));
  });

  it('is the identity at rate 1 and rejects bad rates', () => {
    const spec = block();
    expect(timeStretchMel(spec, 1).data).toEqual(spec.data);
    expect(() => timeStretchMel(spec, 0)).toThrow(RangeError);
    expect(() => timeStretchMel(spec, -1)).toThrow(RangeError);
  });
});
