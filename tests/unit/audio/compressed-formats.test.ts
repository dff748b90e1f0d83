import { describe, expect, it } from 'vitest';
import { AudioError, decodeAudio, loadAudio } from '../../../src/core/audio/node/index.js';
import { fixture } from './helpers/fixtures.js';
import { rms, toneAmplitude } from './helpers/signals.js';

// Each fixture holds 1 s of a 440 Hz sine at amplitude 0.5 (see tests/fixtures/audio/README.md).
const FIXTURES = [
  { file: 'tone440-22k05-mono.flac', format: 'flac', sampleRate: 22050, lossless: true },
  { file: 'tone440-44k1-mono.mp3', format: 'mp3', sampleRate: 44100, lossless: false },
  { file: 'tone440-22k05-mono.ogg', format: 'ogg-vorbis', sampleRate: 22050, lossless: false },
  { file: 'tone440-48k-mono.opus', format: 'opus', sampleRate: 48000, lossless: false },
  { file: 'tone440-22k05-mono.m4a', format: 'm4a', sampleRate: 22050, lossless: false },
  { file: 'tone440-8k-mono.aiff', format: 'aiff', sampleRate: 8000, lossless: true },
  { file: 'tone440-8k-mono-mulaw.wav', format: 'wav-mulaw', sampleRate: 8000, lossless: false },
  { file: 'tone440-8k-mono-ima-adpcm.wav', format: 'wav-ima-adpcm', sampleRate: 8000, lossless: false },
];

describe('compressed formats through audio-decode', () => {
  it.each(FIXTURES)(
    '$file decodes to a 1 s 440 Hz tone at amplitude 0.5',
    async ({ file, format, sampleRate, lossless }) => {
      const decoded = await decodeAudio(fixture(file), file);
      expect(decoded.format).toBe(format);
      expect(decoded.sampleRate).toBe(sampleRate);
      expect(decoded.channels).toBe(1);
      expect(decoded.frames / sampleRate).toBeGreaterThan(0.99);
      expect(decoded.frames / sampleRate).toBeLessThan(1.02);
      // measured away from the edges, where encoders leave onset transients
      const from = Math.round(0.1 * sampleRate);
      const to = Math.round(0.9 * sampleRate);
      const at440 = toneAmplitude(decoded.mono, 440, sampleRate, from, to);
      expect(at440).toBeGreaterThan(lossless ? 0.499 : 0.45);
      expect(at440).toBeLessThan(lossless ? 0.501 : 0.55);
      expect(toneAmplitude(decoded.mono, 1000, sampleRate, from, to)).toBeLessThan(0.01);
    },
  );

  it('a stereo MP3 reports two channels and mixes 440 Hz left and 660 Hz right at half level each', async () => {
    const decoded = await decodeAudio(fixture('tone440-660-44k1-stereo.mp3'));
    expect(decoded).toMatchObject({ format: 'mp3', channels: 2, sampleRate: 44100 });
    expect(toneAmplitude(decoded.mono, 440, 44100, 4410, 39690)).toBeCloseTo(0.25, 1);
    expect(toneAmplitude(decoded.mono, 660, 44100, 4410, 39690)).toBeCloseTo(0.25, 1);
  });

  it('formats are recognised by content: an MP3 named .wav still decodes as MP3', async () => {
    const decoded = await decodeAudio(fixture('tone440-44k1-mono.mp3'), 'actually-an-mp3.wav');
    expect(decoded.format).toBe('mp3');
  });

  it('loadAudio resamples each format to 16 kHz keeping the tone', async () => {
    for (const { file } of FIXTURES.slice(0, 4)) {
      const loaded = await loadAudio(fixture(file), file);
      expect(loaded.sampleRate).toBe(16000);
      expect(loaded.samples.length).toBe(16000);
      expect(toneAmplitude(loaded.samples, 440, 16000, 1600, 14400)).toBeGreaterThan(0.45);
      expect(rms(loaded.samples, 1600, 14400)).toBeGreaterThan(0.3);
    }
  });

  it('a FLAC cut in half is "truncated": STREAMINFO promises more samples than the stream holds', async () => {
    const whole = fixture('tone440-22k05-mono.flac');
    const error = await decodeAudio(whole.subarray(0, Math.floor(whole.length / 2))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AudioError);
    expect(error).toMatchObject({
      code: 'truncated',
      message: expect.stringMatching(/declares 22050 samples but only \d+ could be decoded/),
    });
  });

  it('an MP3 frame header followed by zeros is at most silence, which loadAudio refuses', async () => {
    const bytes = new Uint8Array(2000);
    bytes.set([0xff, 0xfb, 0x90, 0x64]);
    const error = await loadAudio(bytes, 'fake.mp3').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AudioError);
    expect(['silent', 'no-samples', 'not-audio']).toContain((error as AudioError).code);
  });
});
