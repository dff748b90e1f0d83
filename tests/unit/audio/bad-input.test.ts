import { describe, expect, it } from 'vitest';
import { AudioError, decodeAudio, encodeWav, loadAudio } from '../../../src/core/audio/node/index.js';
import { sine } from './helpers/signals.js';
import { buildWav, chunk, fmtChunk } from './helpers/wav-builder.js';

function text(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

async function rejection(promise: Promise<unknown>): Promise<AudioError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AudioError);
  return error as AudioError;
}

describe('bad or odd inputs are refused with a code and a reason', () => {
  it('an empty file is "empty"', async () => {
    const error = await rejection(loadAudio(new Uint8Array(0), 'nothing.wav'));
    expect(error.code).toBe('empty');
    expect(error.message).toMatch(/0 bytes/);
  });

  it('a WAV cut in the middle of its data chunk is "truncated", with both byte counts', async () => {
    const whole = encodeWav(sine(440, 16000, 2), 16000); // 64000 data bytes
    const cut = whole.subarray(0, 44 + 12000);
    const error = await rejection(loadAudio(cut, 'cut.wav'));
    expect(error.code).toBe('truncated');
    expect(error.message).toBe('truncated WAV: data chunk declares 64000 bytes but only 12000 are present');
  });

  it('a WAV cut inside its header is "truncated"', async () => {
    const whole = encodeWav(sine(440, 16000, 1), 16000);
    for (const length of [8, 30]) {
      const error = await rejection(decodeAudio(whole.subarray(0, length)));
      expect(error.code).toBe('truncated');
      expect(error.message).toMatch(/^truncated WAV: /);
    }
    const noData = await rejection(decodeAudio(whole.subarray(0, 36)));
    expect(noData.message).toMatch(/before its data chunk/);
  });

  it('a text file named .wav is "not-audio", saying it looks like text but never quoting it', async () => {
    const error = await rejection(loadAudio(text('file,label,speaker\na.wav,happy,03\n'), 'notes.wav'));
    expect(error.code).toBe('not-audio');
    expect(error.message).toBe('not audio: "notes.wav" is CSV-like text');
  });

  it('a secret named in a manifest is described, its contents never quoted', async () => {
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n';
    const error = await rejection(loadAudio(text(key), 'id_ed25519'));
    expect(error.message).toBe('not audio: "id_ed25519" is text');
    expect(error.message).not.toMatch(/BEGIN|OPENSSH|b3Bl/);
  });

  it.each([
    ['<!DOCTYPE html><html><body>404</body></html>', /HTML/],
    ['{"label": "happy"}', /JSON-like text/],
    ['just some words in a file\n', /is text$/],
    ['\uFEFFcaf\u00e9 na\u00efve \u00fcber\n', /is text$/],
  ])('text content %j is described', async (content, pattern) => {
    const error = await rejection(decodeAudio(text(content), 'x.wav'));
    expect(error.code).toBe('not-audio');
    expect(error.message).toMatch(pattern);
  });

  it.each([
    [[0x25, 0x50, 0x44, 0x46, 0x2d, 0x31], 'a PDF document'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG image'],
    [[0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'a JPEG image'],
    [[0x50, 0x4b, 0x03, 0x04, 0x14, 0], 'a ZIP archive'],
    [[0x52, 0x49, 0x46, 0x46, 4, 0, 0, 0, 0x57, 0x45, 0x42, 0x50], 'a WebP image'],
  ])('known non-audio magic %j is named', async (magic, what) => {
    const bytes = new Uint8Array(64);
    bytes.set(magic);
    const error = await rejection(decodeAudio(bytes));
    expect(error.code).toBe('not-audio');
    expect(error.message).toContain(what);
  });

  it('unrecognisable binary is "not-audio", its bytes not quoted', async () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => (i * 37 + 11) & 0x7f).map((b, i) =>
      i % 3 === 0 ? 1 : b,
    );
    const error = await rejection(decodeAudio(bytes, 'noise.bin'));
    expect(error.code).toBe('not-audio');
    expect(error.message).toBe('not audio: unrecognised binary data');
  });

  it('a 0-sample WAV is "no-samples"', async () => {
    const error = await rejection(loadAudio(encodeWav(new Float32Array(0), 16000), 'zero.wav'));
    expect(error.code).toBe('no-samples');
    expect(error.message).toMatch(/0 frames/);
  });

  it('a WAV without a data chunk is "no-samples"', async () => {
    const bytes = buildWav({
      chunks: [fmtChunk({ tag: 1, channels: 1, rate: 16000, bits: 16 }), chunk('LIST', [1, 2])],
    });
    const error = await rejection(decodeAudio(bytes));
    expect(error.code).toBe('no-samples');
    expect(error.message).toMatch(/no data chunk/);
  });

  it('a float WAV holding NaN is "invalid-samples", counting them and locating the first', async () => {
    const x = sine(440, 16000, 0.5);
    x[1000] = NaN;
    x[2000] = Infinity;
    x[3000] = -Infinity;
    const error = await rejection(loadAudio(encodeWav(x, 16000, { float: true }), 'nan.wav'));
    expect(error.code).toBe('invalid-samples');
    expect(error.message).toBe(
      'invalid samples: 3 of 8000 are NaN or Infinity (the first at frame 1000, 0.063 s)',
    );
  });

  it('a compressed WAV codec we cannot decode is "unsupported", naming the codec', async () => {
    const bytes = buildWav({
      chunks: [
        fmtChunk({ tag: 0x55, channels: 1, rate: 16000, bits: 0, blockAlign: 1 }),
        chunk('data', [1, 2, 3, 4]),
      ],
    });
    const error = await rejection(decodeAudio(bytes));
    expect(error.code).toBe('unsupported');
    expect(error.message).toMatch(/MPEG Layer 3/);
  });

  it('a header with impossible numbers is "unsupported", not garbage', async () => {
    const zeroChannels = buildWav({
      chunks: [
        fmtChunk({ tag: 1, channels: 0, rate: 16000, bits: 16, blockAlign: 2 }),
        chunk('data', [0, 0]),
      ],
    });
    expect((await rejection(decodeAudio(zeroChannels))).message).toMatch(/0 channels/);
    const badAlign = buildWav({
      chunks: [
        fmtChunk({ tag: 1, channels: 2, rate: 16000, bits: 16, blockAlign: 3 }),
        chunk('data', [0, 0, 0]),
      ],
    });
    expect((await rejection(decodeAudio(badAlign))).message).toMatch(/block align of 3 bytes/);
    const float16 = buildWav({
      chunks: [fmtChunk({ tag: 3, channels: 1, rate: 16000, bits: 16 }), chunk('data', [0, 0])],
    });
    expect((await rejection(decodeAudio(float16))).message).toMatch(/16-bit float/);
  });

  it('a silent clip is "silent" unless rejectSilent is false', async () => {
    const zeros = encodeWav(new Float32Array(16000), 16000);
    const allZero = await rejection(loadAudio(zeros));
    expect(allZero.code).toBe('silent');
    expect(allZero.message).toBe('silent: every sample is zero');

    const whisper = encodeWav(sine(440, 16000, 1, 0.0005), 16000, { float: true });
    const quiet = await rejection(loadAudio(whisper));
    expect(quiet.code).toBe('silent');
    expect(quiet.message).toMatch(/-66\.0 dBFS, under the -60 dBFS floor/);

    const loaded = await loadAudio(whisper, 'whisper.wav', { rejectSilent: false });
    expect(loaded.stats.peak).toBeCloseTo(0.0005, 6);
  });

  it('a clip just above -60 dBFS is not silent', async () => {
    const loaded = await loadAudio(encodeWav(sine(440, 16000, 1, 0.0012), 16000, { float: true }));
    expect(loaded.samples.length).toBe(16000);
  });
});
