import { describe, expect, it } from 'vitest';
import { decodeAudio, loadAudio } from '../../../src/core/audio/node/index.js';
import { probeDuration } from '../../../src/core/audio/probe.js';
import { fixture } from './helpers/fixtures.js';

describe('durations read from headers, before decoding', () => {
  it.each([
    ['tone440-22k05-mono.flac', 'flac', 1, 0],
    ['tone440-22k05-mono.ogg', 'ogg-vorbis', 1, 0.001],
    ['tone440-48k-mono.opus', 'opus', 1, 0.001],
    ['tone440-44k1-mono.mp3', 'mp3', 1, 0.08],
  ])('%s declares about %s s', (file, format, seconds, tolerance) => {
    const probe = probeDuration(fixture(file), format as string);
    expect(probe).toBeDefined();
    expect(Math.abs((probe?.durationS ?? 0) - (seconds as number))).toBeLessThanOrEqual(tolerance as number);
  });

  it('FLAC states its exact sample count', () => {
    expect(probeDuration(fixture('tone440-22k05-mono.flac'), 'flac')?.exactFrames).toBe(22050);
  });

  it('a FLAC whose STREAMINFO claims 10 minutes is refused from its header alone', async () => {
    const bytes = fixture('tone440-22k05-mono.flac').slice();
    // total samples: the low 32 bits of the 36-bit field, 10 min at 22050 Hz
    new DataView(bytes.buffer).setUint32(22, 600 * 22050);
    const error = await loadAudio(bytes, 'long.flac').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'too-long',
      message: 'too long: its header declares 600 s, over the 120 s limit',
    });
  });

  it('limits apply to compressed formats after decoding when the header is silent about length', async () => {
    const error = await loadAudio(fixture('tone440-22k05-mono.m4a'), 'a.m4a', { maxDurationS: 0.5 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'too-long',
      message: expect.stringMatching(/it lasts 1\.0 s, over the 0\.5 s limit/),
    });
  });

  it('an MP3 barely over its header count is not refused for the encoder padding', async () => {
    const loaded = await loadAudio(fixture('tone440-44k1-mono.mp3'), 'a.mp3', { maxDurationS: 1.001 });
    expect(loaded.info.durationS).toBe(1);
    await expect(decodeAudio(fixture('tone440-44k1-mono.mp3'))).resolves.toMatchObject({ frames: 44100 });
  });
});
