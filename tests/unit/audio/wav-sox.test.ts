import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeAudio, encodeWav, type EncodeWavOptions } from '../../../src/core/audio/node/index.js';
import { maxAbsDiff, sine } from './helpers/signals.js';
import { hasSox, makeTempDir, sox, soxi } from './helpers/sox.js';

// sox is an independent WAV writer and reader: files it writes must decode to what it was given,
// and files encodeWav writes must read in sox as what they claim to be.
describe.skipIf(!hasSox)('WAV cross-checked with sox', () => {
  const temp = makeTempDir('audio-sox-');
  afterAll(() => temp.remove());

  const RATE = 22050;
  const left = sine(440, RATE, 0.25, 0.45);
  const right = sine(1234, RATE, 0.25, 0.3);
  const source = temp.path('source.wav');
  writeFileSync(source, encodeWav([left, right], RATE, { float: true }));
  const monoMix = left.map((v, i) => (v + right[i]) / 2);

  it.each([
    ['8-bit unsigned', ['-b', '8'], 'wav-pcm8', 2 / 128],
    ['16-bit', ['-b', '16'], 'wav-pcm16', 2 / 32768],
    ['24-bit extensible', ['-b', '24'], 'wav-pcm24', 2 / 8388608],
    ['24-bit plain (wavpcm)', ['-t', 'wavpcm', '-b', '24'], 'wav-pcm24', 2 / 8388608],
    ['32-bit extensible', ['-e', 'signed-integer', '-b', '32'], 'wav-pcm32', 1e-6],
    ['32-bit float', ['-e', 'floating-point', '-b', '32'], 'wav-float32', 1e-7],
    ['64-bit float', ['-e', 'floating-point', '-b', '64'], 'wav-float64', 1e-7],
    ['16-bit big-endian (RIFX)', ['-b', '16', '-B'], 'wav-pcm16', 2 / 32768],
  ])('sox %s stereo decodes to the source mix', async (name, args, format, tolerance) => {
    const out = temp.path(`${name.replace(/\W+/g, '-')}.wav`);
    const typed = args[0] === '-t' ? args : ['-t', 'wav', ...args];
    sox('-D', source, ...typed, out);
    const decoded = await decodeAudio(new Uint8Array(readFileSync(out)));
    expect(decoded).toMatchObject({ format, sampleRate: RATE, channels: 2, frames: left.length });
    expect(maxAbsDiff(decoded.mono, monoMix)).toBeLessThanOrEqual(tolerance);
  });

  it('sox 32-bit output really is WAVE_FORMAT_EXTENSIBLE (the case this test is about)', () => {
    const out = temp.path('check-ext.wav');
    sox('-D', source, '-e', 'signed-integer', '-b', '32', out);
    expect(new DataView(readFileSync(out).buffer).getUint16(20, true)).toBe(0xfffe);
  });

  it('a WAV that sox streams to a pipe (placeholder sizes) decodes in full', async () => {
    // fed raw floats on stdin, sox cannot know the length and leaves placeholders in the header
    const interleaved = new Float32Array(left.length * 2);
    left.forEach((v, i) => {
      interleaved[2 * i] = v;
      interleaved[2 * i + 1] = right[i];
    });
    const piped = execFileSync(
      'sox',
      ['-D', '-t', 'f32', '-r', String(RATE), '-c', '2', '-', '-b', '16', '-t', 'wav', '-'],
      {
        input: new Uint8Array(interleaved.buffer),
        maxBuffer: 1 << 24,
      },
    );
    expect(piped.readUInt32LE(40)).toBe(0x7ffff000);
    const decoded = await decodeAudio(new Uint8Array(piped));
    expect(decoded.frames).toBe(left.length);
    expect(maxAbsDiff(decoded.mono, monoMix)).toBeLessThanOrEqual(2 / 32768);
  });

  it.each([
    [{ bitDepth: 8 }, '8', 'Unsigned Integer PCM'],
    [{ bitDepth: 16 }, '16', 'Signed Integer PCM'],
    [{ bitDepth: 24 }, '24', 'Signed Integer PCM'],
    [{ bitDepth: 32 }, '32', 'Signed Integer PCM'],
    [{ bitDepth: 24, extensible: true }, '24', 'Signed Integer PCM'],
    [{ float: true }, '32', 'Floating Point PCM'],
    [{ float: true, extensible: true }, '32', 'Floating Point PCM'],
  ] as [EncodeWavOptions, string, string][])(
    'sox reads encodeWav %j as what it claims and hears the same samples',
    async (opts, bits, encoding) => {
      const ours = temp.path(`ours-${JSON.stringify(opts).replace(/\W+/g, '')}.wav`);
      const bytes = encodeWav([left, right], RATE, opts);
      writeFileSync(ours, bytes);
      expect(soxi('-r', ours)).toBe(String(RATE));
      expect(soxi('-c', ours)).toBe('2');
      expect(soxi('-b', ours)).toBe(bits);
      expect(soxi('-e', ours)).toContain(encoding);
      expect(soxi('-s', ours)).toBe(String(left.length));
      // sox's own reading, mixed to mono and written as raw floats
      const raw = execFileSync('sox', ['-D', ours, '-t', 'f32', '-c', '1', '-'], { maxBuffer: 1 << 24 });
      const soxMono = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
      const decoded = await decodeAudio(bytes);
      expect(maxAbsDiff(decoded.mono, soxMono)).toBeLessThan(1e-6);
    },
  );
});
