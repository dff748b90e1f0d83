import { describe, expect, it } from 'vitest';
import {
  AudioError,
  DEFAULT_MAX_DURATION_S,
  encodeWav,
  loadAudio,
} from '../../../src/core/audio/node/index.js';
import { sine, toneAmplitude } from './helpers/signals.js';

describe('loadAudio', () => {
  it('loads a 24-bit stereo 44.1 kHz WAV: right duration, resampled to 16 kHz mono', async () => {
    const seconds = 1.5;
    const left = sine(440, 44100, seconds, 0.4);
    const right = sine(880, 44100, seconds, 0.2);
    const loaded = await loadAudio(encodeWav([left, right], 44100, { bitDepth: 24 }), 'stereo 24.wav');
    expect(loaded.info).toEqual({ format: 'wav-pcm24', sampleRate: 44100, channels: 2, durationS: seconds });
    expect(loaded.sampleRate).toBe(16000);
    expect(loaded.samples.length).toBe(24000);
    expect(toneAmplitude(loaded.samples, 440, 16000, 1600, 22400)).toBeCloseTo(0.2, 3);
    expect(toneAmplitude(loaded.samples, 880, 16000, 1600, 22400)).toBeCloseTo(0.1, 3);
    // stats come from the original-rate mono mix
    expect(loaded.stats.durationS).toBe(seconds);
    expect(loaded.stats.peak).toBeGreaterThan(0.25);
  });

  it('returns 16 kHz input as is, with stats', async () => {
    const x = sine(300, 16000, 2, 0.25);
    const loaded = await loadAudio(encodeWav(x, 16000, { float: true }));
    expect(Array.from(loaded.samples)).toEqual(Array.from(x));
    expect(loaded.stats.rms).toBeCloseTo(0.25 / Math.SQRT2, 4);
  });

  describe('a 10-minute file', () => {
    const tenMinutes = encodeWav(sine(220, 16000, 600, 0.3), 16000);

    it(`is refused as too long by default (limit ${DEFAULT_MAX_DURATION_S} s), from its header`, async () => {
      const error = await loadAudio(tenMinutes, 'lecture.wav').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AudioError);
      expect(error).toMatchObject({
        code: 'too-long',
        message: 'too long: its header declares 600 s, over the 120 s limit',
      });
    });

    it('loads with maxDurationS: Infinity', async () => {
      const loaded = await loadAudio(tenMinutes, 'lecture.wav', { maxDurationS: Infinity });
      expect(loaded.info.durationS).toBe(600);
      expect(loaded.samples.length).toBe(9_600_000);
    });
  });

  it('accepts a clip exactly at the limit and refuses one a frame longer', async () => {
    const at = encodeWav(sine(440, 8000, 2), 8000);
    await expect(loadAudio(at, 'a.wav', { maxDurationS: 2 })).resolves.toBeDefined();
    const over = encodeWav(sine(440, 8000, 2 + 1 / 8000), 8000);
    await expect(loadAudio(over, 'b.wav', { maxDurationS: 2 })).rejects.toMatchObject({ code: 'too-long' });
  });

  it('rejects a nonsensical limit as a programming error', async () => {
    const wav = encodeWav(sine(440, 8000, 0.1), 8000);
    await expect(loadAudio(wav, 'a.wav', { maxDurationS: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(loadAudio(wav, 'a.wav', { maxDurationS: Number.NaN })).rejects.toBeInstanceOf(RangeError);
  });
});
