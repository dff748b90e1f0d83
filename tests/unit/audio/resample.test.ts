import { describe, expect, it } from 'vitest';
import { AudioError, resampleTo, TARGET_SAMPLE_RATE } from '../../../src/core/audio/node/index.js';
import { dbfs, rms, sine, toneAmplitude } from './helpers/signals.js';

describe('resampleTo', () => {
  it('defaults to 16 kHz and passes 16 kHz input through untouched', async () => {
    const x = sine(440, 16000, 0.1);
    expect(TARGET_SAMPLE_RATE).toBe(16000);
    expect(await resampleTo(x, 16000)).toBe(x);
  });

  it('a 1 kHz sine at 44.1 kHz keeps its frequency, amplitude and phase at 16 kHz', async () => {
    const y = await resampleTo(sine(1000, 44100, 1), 44100);
    expect(y.length).toBe(16000);
    const inner = [800, 15200] as const; // away from the filter's edge effects
    expect(toneAmplitude(y, 1000, 16000, ...inner)).toBeCloseTo(0.5, 3);
    expect(toneAmplitude(y, 900, 16000, ...inner)).toBeLessThan(0.001);
    expect(toneAmplitude(y, 1100, 16000, ...inner)).toBeLessThan(0.001);
    // time-aligned: sample n is the ideal sine at n/16000 s, not a delayed copy
    let worst = 0;
    for (let n = inner[0]; n < inner[1]; n++)
      worst = Math.max(worst, Math.abs(y[n] - 0.5 * Math.sin((2 * Math.PI * 1000 * n) / 16000)));
    expect(worst).toBeLessThan(1e-4);
  });

  it('delivers the end of the signal too, not zeros where the filter held samples back', async () => {
    const y = await resampleTo(sine(1000, 44100, 1), 44100);
    expect(rms(y, y.length - 40, y.length)).toBeGreaterThan(0.25);
  });

  it('a 10 kHz tone at 44.1 kHz is removed (> 40 dB down) instead of aliasing to 6 kHz', async () => {
    const amplitude = 0.5;
    const y = await resampleTo(sine(10000, 44100, 1, amplitude), 44100, 16000);
    expect(y.length).toBe(16000);
    expect(dbfs(toneAmplitude(y, 6000, 16000, 800, 15200) / amplitude)).toBeLessThan(-40);
    expect(dbfs(rms(y, 800, 15200) / (amplitude / Math.SQRT2))).toBeLessThan(-40);
  });

  it('keeps speech band content up to 7 kHz at the default quality', async () => {
    const y = await resampleTo(sine(7000, 44100, 1), 44100);
    expect(toneAmplitude(y, 7000, 16000, 800, 15200)).toBeGreaterThan(0.5 * 10 ** (-1 / 20));
  });

  it('upsamples 8 kHz to 16 kHz without imaging', async () => {
    const y = await resampleTo(sine(1000, 8000, 1), 8000);
    expect(y.length).toBe(16000);
    expect(toneAmplitude(y, 1000, 16000, 800, 15200)).toBeCloseTo(0.5, 3);
    expect(toneAmplitude(y, 7000, 16000, 800, 15200)).toBeLessThan(0.001); // the 8 kHz - 1 kHz image
  });

  it('gives round(n * to / from) samples for awkward lengths and rates', async () => {
    for (const [n, from] of [
      [1, 44100],
      [441, 44100],
      [1001, 22050],
      [12345, 48000],
      [777, 11025],
    ] as const) {
      const y = await resampleTo(new Float32Array(n).fill(0.1), from);
      expect(y.length).toBe(Math.round((n * 16000) / from));
    }
    expect((await resampleTo(new Float32Array(0), 44100)).length).toBe(0);
  });

  it('stays continuous over inputs longer than one converter block (60 s at 44.1 kHz)', async () => {
    const y = await resampleTo(sine(1000, 44100, 60), 44100);
    expect(y.length).toBe(960000);
    let worst = 0;
    for (let n = 800; n < y.length - 800; n++)
      worst = Math.max(worst, Math.abs(y[n] - 0.5 * Math.sin((2 * Math.PI * 1000 * n) / 16000)));
    expect(worst).toBeLessThan(1e-4);
  });

  it('carries no state from one call into the next', async () => {
    const loud = sine(3000, 44100, 0.5, 0.9);
    const quiet = sine(500, 44100, 0.5, 0.1);
    const alone = await resampleTo(quiet, 44100);
    await resampleTo(loud, 44100);
    const after = await resampleTo(quiet, 44100);
    expect(Array.from(after)).toEqual(Array.from(alone));
  });

  it('runs concurrent calls at different rates independently', async () => {
    const a = sine(440, 44100, 0.3);
    const b = sine(440, 22050, 0.3);
    const [ya, yb] = await Promise.all([resampleTo(a, 44100), resampleTo(b, 22050)]);
    expect(ya.length).toBe(4800);
    expect(yb.length).toBe(4800);
    expect(toneAmplitude(ya, 440, 16000, 480, 4320)).toBeCloseTo(toneAmplitude(yb, 440, 16000, 480, 4320), 3);
  });

  it('refuses rates the resampler cannot handle', async () => {
    await expect(resampleTo(new Float32Array(10), 384000)).rejects.toBeInstanceOf(AudioError);
    await expect(resampleTo(new Float32Array(10), 384000)).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/384000 Hz/),
    });
    await expect(resampleTo(new Float32Array(10), 0)).rejects.toBeInstanceOf(RangeError);
    await expect(resampleTo(new Float32Array(10), Number.NaN)).rejects.toBeInstanceOf(RangeError);
  });
});
