import { describe, expect, it } from 'vitest';
import { loadAudioFile } from '../../../src/core/audio/node/index.js';
import { computeContours } from '../../../src/core/features/contours.js';
import { energyContour } from '../../../src/core/features/energy.js';
import {
  dropOctaveJumps,
  dropShortRuns,
  extendRuns,
  medianVoicedHz,
  pitchContour,
  voicedShare,
} from '../../../src/core/features/pitch.js';
import { hasSharedData, sharedPath } from '../../support/shared-data.js';

const SR = 16000;

function sine(hz: number, seconds: number, amplitude: number): Float32Array {
  const x = new Float32Array(Math.round(seconds * SR));
  for (let i = 0; i < x.length; i++) x[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / SR);
  return x;
}

/** Deterministic white noise in [-a, a] (a small LCG, so the test never flakes). */
function noise(seconds: number, amplitude: number, seed = 7): Float32Array {
  const x = new Float32Array(Math.round(seconds * SR));
  let s = seed;
  for (let i = 0; i < x.length; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    x[i] = amplitude * ((s / 2 ** 32) * 2 - 1);
  }
  return x;
}

function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Values of a contour whose frame centre lies in [from, to) seconds. */
function between(times: Float64Array, values: Float32Array, from: number, to: number): number[] {
  return Array.from(values).filter((_, i) => times[i] >= from && times[i] < to);
}

describe('pitch contour on a known tone', () => {
  const tone = sine(220, 1, 0.5);
  const { times, hz } = pitchContour(tone, SR);

  it('gives one frame every 10 ms over the whole clip', () => {
    expect(times.length).toBe(101);
    expect(times[1] - times[0]).toBeCloseTo(0.01, 9);
  });

  it('reads a 220 Hz sine as 220 Hz within 1 % in every frame', () => {
    expect(voicedShare(hz)).toBe(1);
    for (const f of hz) expect(Math.abs(f - 220) / 220).toBeLessThan(0.01);
    expect(medianVoicedHz(hz)).toBeCloseTo(220, 0);
  });

  it.each([110, 150, 300, 440])('reads a %d Hz sine within 1 %', (f0) => {
    const median = medianVoicedHz(pitchContour(sine(f0, 0.5, 0.3), SR).hz);
    expect(median).not.toBeNull();
    expect(Math.abs((median ?? 0) - f0) / f0).toBeLessThan(0.01);
  });

  it('draws no pitch on silence or noise between tones', () => {
    const clip = concat(sine(220, 0.5, 0.5), new Float32Array(SR / 2), noise(0.5, 0.3), sine(220, 0.5, 0.5));
    const c = pitchContour(clip, SR);
    // frames well inside each part (a window reaches 3 periods of 60 Hz = 50 ms across a boundary)
    const silence = between(c.times, c.hz, 0.56, 0.94);
    const hiss = between(c.times, c.hz, 1.06, 1.44);
    const toneAgain = between(c.times, c.hz, 1.56, 1.94);
    expect(silence.every(Number.isNaN)).toBe(true);
    expect(hiss.every(Number.isNaN)).toBe(true);
    expect(toneAgain.every((f) => Math.abs(f - 220) / 220 < 0.01)).toBe(true);
  });

  it('finds nothing voiced in a clip of pure noise or digital silence', () => {
    expect(voicedShare(pitchContour(noise(1, 0.5, 11), SR).hz)).toBe(0);
    expect(voicedShare(pitchContour(new Float32Array(SR), SR).hz)).toBe(0);
    expect(medianVoicedHz(pitchContour(new Float32Array(SR), SR).hz)).toBeNull();
  });

  it('leaves a clip shorter than one analysis window unvoiced instead of failing', () => {
    const c = pitchContour(sine(220, 0.02, 0.5), SR);
    expect(c.times.length).toBe(3);
    expect(voicedShare(c.hz)).toBe(0);
  });

  it('drops voiced runs shorter than the minimum', () => {
    const hz = Float32Array.from([NaN, 200, 200, NaN, 100, 100, 100, NaN, 150]);
    dropShortRuns(hz, 3);
    expect(Array.from(hz).map((v) => (Number.isNaN(v) ? 0 : v))).toEqual([0, 0, 0, 0, 100, 100, 100, 0, 0]);
  });
});

describe('octave-jump filter', () => {
  it('drops a frame doubled against its neighbours and keeps a smooth glide', () => {
    const hz = Float32Array.from([200, 202, 204, 410, 206, 208, 210]);
    dropOctaveJumps(hz);
    expect(Array.from(hz).map((v) => (Number.isNaN(v) ? 0 : Math.round(v)))).toEqual([
      200, 202, 204, 0, 206, 208, 210,
    ]);
  });
});

describe('voicing hysteresis', () => {
  it('continues a run through weak frames that glide on, but not through a jump or from nothing', () => {
    const hz = Float32Array.from([NaN, 200, 204, NaN, NaN, NaN, NaN, 150]);
    const weak = Float32Array.from([198, NaN, NaN, 210, 216, 300, NaN, NaN]);
    extendRuns(hz, weak, 1.12);
    expect(Array.from(hz).map((v) => (Number.isNaN(v) ? 0 : v))).toEqual([
      198, 200, 204, 210, 216, 0, 0, 150,
    ]);
  });
});

describe('energy contour', () => {
  it('reads a sine of amplitude 0.5 at 20*log10(0.5/sqrt 2) = -9.03 dBFS', () => {
    const { db } = energyContour(sine(220, 1, 0.5), SR);
    const expected = 20 * Math.log10(0.5 / Math.SQRT2);
    // away from the clip's edges, where the centred window is cut short but still a whole number of periods
    for (const v of db.subarray(2, db.length - 2)) expect(v).toBeCloseTo(expected, 1);
  });

  it('drops by 20 dB when the amplitude drops tenfold, and floors digital silence', () => {
    const c = energyContour(concat(sine(220, 0.5, 0.5), sine(220, 0.5, 0.05), new Float32Array(SR / 2)), SR);
    const loud = between(c.times, c.db, 0.1, 0.4);
    const quiet = between(c.times, c.db, 0.6, 0.9);
    const silent = between(c.times, c.db, 1.1, 1.4);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(loud) - mean(quiet)).toBeCloseTo(20, 1);
    expect(silent.every((v) => v === -100)).toBe(true);
  });

  it('shares its frame times with the pitch contour', () => {
    const clip = sine(180, 0.73, 0.4);
    const { pitch, energy } = computeContours(clip, SR);
    expect(Array.from(energy.times)).toEqual(Array.from(pitch.times));
  });
});

// EmoDB speakers by sex (the corpus documentation): 03, 10, 11, 12, 15 male; 08, 09, 13, 14, 16 female.
describe.runIf(hasSharedData('the pitch contour on real EmoDB voices', 'data/emodb'))(
  'pitch contour on a known voice',
  () => {
    it.each([
      ['03a01Nc.wav', 'male', 80, 180],
      ['10a01Nb.wav', 'male', 80, 180],
      ['08a01Na.wav', 'female', 150, 300],
      ['16a01Nc.wav', 'female', 150, 300],
    ])('%s (%s): median F0 in %d-%d Hz, with voiced and unvoiced frames', async (file, _sex, lo, hi) => {
      const { samples, info } = await loadAudioFile(sharedPath('data/emodb', file));
      const c = computeContours(samples, info.sampleRate);
      expect(c.medianHz).not.toBeNull();
      expect(c.medianHz).toBeGreaterThan(lo);
      expect(c.medianHz).toBeLessThan(hi);
      // speech has pauses and consonants: some frames voiced, some not
      const share = voicedShare(c.pitch.hz);
      expect(share).toBeGreaterThan(0.15);
      expect(share).toBeLessThan(0.95);
      // the zero-padded tail of EmoDB's 2 s files is digital silence: no pitch there, energy at the floor
      const last = c.pitch.hz.length - 1;
      if (c.energy.db[last] === -100) expect(Number.isNaN(c.pitch.hz[last])).toBe(true);
    });
  },
);
