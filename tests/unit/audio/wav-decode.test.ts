import { describe, expect, it } from 'vitest';
import { decodeAudio, encodeWav } from '../../../src/core/audio/node/index.js';
import { maxAbsDiff, sine } from './helpers/signals.js';
import { buildWav, chunk, fmtChunk, interleave } from './helpers/wav-builder.js';

const RATE = 16000;
// Values exactly representable at every bit depth, so round trips can be compared exactly.
const EXACT = Float32Array.from([0, 0.5, -0.5, 0.25, -1, 127 / 128, -0.75, 0.125]);

describe('WAV decoding by bit depth', () => {
  it.each([
    [8, 'wav-pcm8'],
    [16, 'wav-pcm16'],
    [24, 'wav-pcm24'],
    [32, 'wav-pcm32'],
  ] as const)('%i-bit PCM round-trips exactly and is named %s', async (bitDepth, format) => {
    const decoded = await decodeAudio(encodeWav(EXACT, RATE, { bitDepth }));
    expect(decoded).toMatchObject({ format, sampleRate: RATE, channels: 1, frames: EXACT.length });
    expect(Array.from(decoded.mono)).toEqual(Array.from(EXACT));
  });

  it('8-bit is unsigned: byte 128 is silence, 0 is -1, 255 is +127/128', async () => {
    const bytes = buildWav({
      chunks: [fmtChunk({ tag: 1, channels: 1, rate: 8000, bits: 8 }), chunk('data', [128, 0, 255, 192])],
    });
    const decoded = await decodeAudio(bytes);
    expect(Array.from(decoded.mono)).toEqual([0, -1, 127 / 128, 0.5]);
  });

  it('24-bit keeps the sign of negative samples and the full 24-bit resolution', async () => {
    const fine = Float32Array.from([-1 / 8388608, 1 / 8388608, -8388607 / 8388608, 0.1]);
    const decoded = await decodeAudio(encodeWav(fine, RATE, { bitDepth: 24 }));
    expect(decoded.mono[0]).toBe(-1 / 8388608);
    expect(decoded.mono[1]).toBe(1 / 8388608);
    expect(decoded.mono[2]).toBeCloseTo(-8388607 / 8388608, 7);
    expect(Math.abs(decoded.mono[3] - 0.1)).toBeLessThan(1 / 8388608);
  });

  it('32-bit float keeps values exactly, including beyond full scale', async () => {
    const x = Float32Array.from([0.1, -0.3, 1.5, -2, 1e-6]);
    const decoded = await decodeAudio(encodeWav(x, RATE, { float: true }));
    expect(decoded.format).toBe('wav-float32');
    expect(Array.from(decoded.mono)).toEqual(Array.from(x));
  });

  it('64-bit float is read', async () => {
    const values = [0.1, -0.3, 0.999, -1];
    const data = interleave([values], 8, (v, at, x) => v.setFloat64(at, x, true));
    const bytes = buildWav({
      chunks: [fmtChunk({ tag: 3, channels: 1, rate: 48000, bits: 64 }), chunk('data', data)],
    });
    const decoded = await decodeAudio(bytes);
    expect(decoded).toMatchObject({ format: 'wav-float64', sampleRate: 48000, frames: 4 });
    expect(Array.from(decoded.mono)).toEqual(values.map(Math.fround));
  });
});

describe('WAVE_FORMAT_EXTENSIBLE', () => {
  it.each([16, 24, 32] as const)('%i-bit PCM sub-format decodes like plain PCM', async (bitDepth) => {
    const plain = await decodeAudio(encodeWav(EXACT, RATE, { bitDepth }));
    const ext = await decodeAudio(encodeWav(EXACT, RATE, { bitDepth, extensible: true }));
    expect(ext.format).toBe(plain.format);
    expect(Array.from(ext.mono)).toEqual(Array.from(plain.mono));
  });

  it('float sub-format decodes as float', async () => {
    const decoded = await decodeAudio(encodeWav(EXACT, RATE, { float: true, extensible: true }));
    expect(decoded.format).toBe('wav-float32');
    expect(Array.from(decoded.mono)).toEqual(Array.from(EXACT));
  });

  it('rejects an unknown sub-format GUID as unsupported, naming it', async () => {
    const bytes = encodeWav(EXACT, RATE, { bitDepth: 16, extensible: true });
    bytes[46] = 0xde; // first byte of the GUID tail
    await expect(decodeAudio(bytes)).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/sub-format GUID/),
    });
  });
});

describe('channel mixing', () => {
  it('averages stereo channels', async () => {
    const left = Float32Array.from([0.5, 0.5, -1, 0]);
    const right = Float32Array.from([0.5, -0.5, -1, 0.25]);
    const decoded = await decodeAudio(encodeWav([left, right], 44100, { bitDepth: 16 }));
    expect(decoded).toMatchObject({ channels: 2, frames: 4, sampleRate: 44100 });
    expect(Array.from(decoded.mono)).toEqual([0.5, 0, -1, 0.125]);
  });

  it.each([3, 6, 8])('averages %i channels at every bit depth', async (channelCount) => {
    const channels = Array.from({ length: channelCount }, (_, c) =>
      Float32Array.from([c / 16, -c / 32, 0.25]),
    );
    const expected = [0, 1, 2].map((i) => channels.reduce((s, ch) => s + ch[i], 0) / channelCount);
    for (const opts of [
      { bitDepth: 8 },
      { bitDepth: 16 },
      { bitDepth: 24 },
      { bitDepth: 32 },
      { float: true },
    ] as const) {
      const decoded = await decodeAudio(encodeWav(channels, RATE, opts));
      expect(decoded.channels).toBe(channelCount);
      expect(maxAbsDiff(decoded.mono, expected)).toBeLessThan(1e-6);
    }
  });

  it('cancels a signal against its inverse (mono mix is a mean, not a pick of one channel)', async () => {
    const x = sine(440, RATE, 0.1);
    const inverse = x.map((v) => -v);
    const decoded = await decodeAudio(encodeWav([x, inverse], RATE, { float: true }));
    expect(decoded.mono.every((v) => v === 0)).toBe(true);
  });
});

describe('chunk handling', () => {
  const fmt = fmtChunk({ tag: 1, channels: 1, rate: RATE, bits: 16 });
  const data = chunk(
    'data',
    interleave([[0.5, -0.25, 0.125]], 2, (v, at, x) => v.setInt16(at, x * 32768, true)),
  );

  it('skips unknown chunks, including odd-sized ones with their pad byte', async () => {
    const bytes = buildWav({
      chunks: [
        chunk('JUNK', [1, 2, 3]),
        fmt,
        chunk('LIST', [9, 9, 9, 9, 9]),
        chunk('bext', new Uint8Array(0)),
        data,
      ],
    });
    const decoded = await decodeAudio(bytes);
    expect(Array.from(decoded.mono)).toEqual([0.5, -0.25, 0.125]);
  });

  it('ignores chunks after the data chunk, and a trailing partial chunk', async () => {
    const bytes = buildWav({ chunks: [fmt, data, chunk('id3 ', [1, 2, 3, 4, 5, 6])] });
    const withJunk = new Uint8Array(bytes.length + 5);
    withJunk.set(bytes);
    withJunk.set([0x4c, 0x49, 0x53], bytes.length);
    expect(Array.from((await decodeAudio(withJunk)).mono)).toEqual([0.5, -0.25, 0.125]);
  });

  it('reads a data chunk that precedes the fmt chunk', async () => {
    const bytes = buildWav({ chunks: [data, fmt] });
    expect(Array.from((await decodeAudio(bytes)).mono)).toEqual([0.5, -0.25, 0.125]);
  });

  it('drops a trailing partial frame', async () => {
    const stereo = buildWav({
      chunks: [
        fmtChunk({ tag: 1, channels: 2, rate: RATE, bits: 16 }),
        chunk('data', [0, 0x40, 0, 0x40, 0, 0x20]),
      ],
    });
    const decoded = await decodeAudio(stereo);
    expect(decoded.frames).toBe(1);
    expect(Array.from(decoded.mono)).toEqual([0.5]);
  });

  it('decodes 16-bit data at an odd memory offset (unaligned input view)', async () => {
    const wav = encodeWav(EXACT, RATE);
    const backing = new Uint8Array(wav.length + 1);
    backing.set(wav, 1);
    const unaligned = backing.subarray(1);
    expect(unaligned.byteOffset % 2).toBe(1);
    expect(Array.from((await decodeAudio(unaligned)).mono)).toEqual(Array.from(EXACT));
  });

  it('accepts a Node Buffer from the shared pool, at whatever offset it sits', async () => {
    const wav = encodeWav(EXACT, RATE, { bitDepth: 16 });
    for (let shift = 0; shift < 4; shift++) {
      const pooled = Buffer.concat([Buffer.alloc(shift), Buffer.from(wav)]).subarray(shift);
      expect(Array.from((await decodeAudio(pooled)).mono)).toEqual(Array.from(EXACT));
    }
  });

  it('reads PCM in a container wider than its bits (20-bit in 3 bytes, 24-bit in 4)', async () => {
    const v20 = interleave([[0.5, -0.5]], 3, (v, at, x) => {
      const q = Math.round(x * 8388608);
      v.setUint8(at, q & 0xff);
      v.setUint8(at + 1, (q >> 8) & 0xff);
      v.setUint8(at + 2, (q >> 16) & 0xff);
    });
    const wav20 = buildWav({
      chunks: [fmtChunk({ tag: 1, channels: 1, rate: RATE, bits: 20 }), chunk('data', v20)],
    });
    expect(Array.from((await decodeAudio(wav20)).mono)).toEqual([0.5, -0.5]);

    const v24in32 = interleave([[0.5, -0.25]], 4, (v, at, x) => v.setInt32(at, x * 2147483648, true));
    const wav24 = buildWav({
      chunks: [
        fmtChunk({ tag: 1, channels: 1, rate: RATE, bits: 24, blockAlign: 4 }),
        chunk('data', v24in32),
      ],
    });
    expect(Array.from((await decodeAudio(wav24)).mono)).toEqual([0.5, -0.25]);
  });
});

describe('RIFX and RF64 containers', () => {
  it('reads big-endian RIFX at 16 and 24 bits', async () => {
    const values = [0.5, -0.25, 0.75];
    const d16 = interleave([values], 2, (v, at, x) => v.setInt16(at, x * 32768, false));
    const rifx16 = buildWav({
      container: 'RIFX',
      chunks: [fmtChunk({ tag: 1, channels: 1, rate: RATE, bits: 16, le: false }), chunk('data', d16)],
    });
    expect(Array.from((await decodeAudio(rifx16)).mono)).toEqual(values);

    const d24 = interleave([values], 3, (v, at, x) => {
      const q = Math.round(x * 8388608);
      v.setUint8(at, (q >> 16) & 0xff);
      v.setUint8(at + 1, (q >> 8) & 0xff);
      v.setUint8(at + 2, q & 0xff);
    });
    const rifx24 = buildWav({
      container: 'RIFX',
      chunks: [fmtChunk({ tag: 1, channels: 1, rate: RATE, bits: 24, le: false }), chunk('data', d24)],
    });
    expect(Array.from((await decodeAudio(rifx24)).mono)).toEqual(values);
  });

  it('reads RF64 with sizes in the ds64 chunk', async () => {
    const values = [0.5, -0.5, 0.25, 0];
    const data = interleave([values], 2, (v, at, x) => v.setInt16(at, x * 32768, true));
    const ds64 = new Uint8Array(28);
    const view = new DataView(ds64.buffer);
    view.setUint32(8, data.length, true); // data size, low 32 bits
    view.setUint32(16, values.length, true); // sample count
    const bytes = buildWav({
      container: 'RF64',
      riffSize: 0xffffffff,
      chunks: [
        chunk('ds64', ds64),
        fmtChunk({ tag: 1, channels: 1, rate: RATE, bits: 16 }),
        chunk('data', data, 0xffffffff),
      ],
    });
    const decoded = await decodeAudio(bytes);
    expect(decoded.frames).toBe(4);
    expect(Array.from(decoded.mono)).toEqual(values);
  });
});

describe('streamed recordings whose header was never finalised', () => {
  const values = [0.5, -0.5, 0.25];
  const pcm = interleave([values], 2, (v, at, x) => v.setInt16(at, x * 32768, true));
  const fmt = fmtChunk({ tag: 1, channels: 1, rate: RATE, bits: 16 });

  it.each([
    ['ffmpeg (0xFFFFFFFF)', 0xffffffff, 0xffffffff],
    ['sox (0x7FFFF000)', 0x7ffff024, 0x7ffff000],
    ['zeroed lengths', 0, 0],
  ])('takes data to the end of the file for %s', async (_name, riffSize, dataSize) => {
    const bytes = buildWav({ riffSize, chunks: [fmt, chunk('data', pcm, dataSize)] });
    const decoded = await decodeAudio(bytes);
    expect(decoded.frames).toBe(3);
    expect(Array.from(decoded.mono)).toEqual(values);
  });
});
