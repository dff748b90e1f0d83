import { describe, expect, it } from 'vitest';
import { encodeWav } from '../../../src/core/audio/node/index.js';

function header(bytes: Uint8Array) {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const id = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  return {
    riff: id(0),
    riffSize: v.getUint32(4, true),
    wave: id(8),
    fmt: id(12),
    fmtSize: v.getUint32(16, true),
    tag: v.getUint16(20, true),
    channels: v.getUint16(22, true),
    rate: v.getUint32(24, true),
    byteRate: v.getUint32(28, true),
    blockAlign: v.getUint16(32, true),
    bits: v.getUint16(34, true),
    view: v,
    id,
  };
}

describe('encodeWav', () => {
  it('writes a canonical 44-byte-header 16-bit PCM file by default', () => {
    const bytes = encodeWav(new Float32Array([0, 0.5, -0.5]), 16000);
    const h = header(bytes);
    expect(bytes.length).toBe(44 + 6);
    expect(h).toMatchObject({
      riff: 'RIFF',
      riffSize: bytes.length - 8,
      wave: 'WAVE',
      fmt: 'fmt ',
      fmtSize: 16,
      tag: 1,
      channels: 1,
      rate: 16000,
      byteRate: 32000,
      blockAlign: 2,
      bits: 16,
    });
    expect(h.id(36)).toBe('data');
    expect(h.view.getUint32(40, true)).toBe(6);
    expect([h.view.getInt16(44, true), h.view.getInt16(46, true), h.view.getInt16(48, true)]).toEqual([
      0, 16384, -16384,
    ]);
  });

  it('interleaves channels frame by frame', () => {
    const bytes = encodeWav([Float32Array.from([0.25, 0.5]), Float32Array.from([-0.25, -0.5])], 8000);
    const h = header(bytes);
    expect(h).toMatchObject({ channels: 2, blockAlign: 4, byteRate: 32000 });
    expect([0, 1, 2, 3].map((i) => h.view.getInt16(44 + 2 * i, true))).toEqual([8192, -8192, 16384, -16384]);
  });

  it('clamps integer samples to full scale and writes 8-bit as unsigned', () => {
    const b16 = encodeWav(Float32Array.from([2, -2, 1, -1]), 8000);
    const v = header(b16).view;
    expect([0, 1, 2, 3].map((i) => v.getInt16(44 + 2 * i, true))).toEqual([32767, -32768, 32767, -32768]);
    const b8 = encodeWav(Float32Array.from([0, -1, 1, 0.5]), 8000, { bitDepth: 8 });
    expect(Array.from(b8.subarray(44))).toEqual([128, 0, 255, 192]);
  });

  it('writes 24- and 32-bit little-endian two’s complement', () => {
    const b24 = encodeWav(Float32Array.from([-1 / 8388608, 0.5]), 8000, { bitDepth: 24 });
    expect(Array.from(b24.subarray(44, 50))).toEqual([0xff, 0xff, 0xff, 0x00, 0x00, 0x40]);
    const b32 = encodeWav(Float32Array.from([-0.5]), 8000, { bitDepth: 32 });
    expect(header(b32).view.getInt32(44, true)).toBe(-1073741824);
  });

  it('writes float with a fact chunk, or an extensible header with the float sub-format', () => {
    const plain = encodeWav(Float32Array.from([0.1, Number.NaN]), 8000, { float: true });
    const h = header(plain);
    expect(h).toMatchObject({ tag: 3, fmtSize: 18, bits: 32, blockAlign: 4 });
    expect(h.id(38)).toBe('fact');
    expect(h.view.getUint32(46, true)).toBe(2);
    expect(h.id(50)).toBe('data');
    expect(h.view.getFloat32(58, true)).toBeCloseTo(0.1, 7);
    expect(h.view.getFloat32(62, true)).toBeNaN();

    const ext = header(encodeWav(Float32Array.from([0.1]), 8000, { float: true, extensible: true }));
    expect(ext).toMatchObject({ tag: 0xfffe, fmtSize: 40, bits: 32 });
    expect(ext.view.getUint16(36, true)).toBe(22);
    expect(ext.view.getUint16(44, true)).toBe(3);
  });

  it('pads an odd-length data chunk to keep the RIFF structure even', () => {
    const bytes = encodeWav(Float32Array.from([0.5]), 8000, { bitDepth: 8 });
    expect(bytes.length).toBe(46);
    expect(header(bytes).view.getUint32(40, true)).toBe(1);
  });

  it('refuses inconsistent requests', () => {
    expect(() => encodeWav([Float32Array.from([0]), Float32Array.from([0, 0])], 8000)).toThrow(RangeError);
    expect(() => encodeWav([], 8000)).toThrow(RangeError);
    expect(() => encodeWav(Float32Array.from([0]), 8000, { float: true, bitDepth: 16 })).toThrow(
      /float WAV is written as 32-bit/,
    );
    expect(() => encodeWav(Float32Array.from([0]), 0)).toThrow(RangeError);
  });
});
