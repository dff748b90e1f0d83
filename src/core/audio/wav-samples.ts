import type { WavLayout } from './wav-header.js';

const PLATFORM_LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type Interleaved = Int16Array | Int32Array | Float32Array | Float64Array;
type InterleavedCtor = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): Interleaved;
  BYTES_PER_ELEMENT: number;
};

/** A typed view over the data chunk; copies once only when the chunk is not aligned for that type. */
function viewAs(bytes: Uint8Array, offset: number, count: number, Ctor: InterleavedCtor): Interleaved {
  const absolute = bytes.byteOffset + offset;
  if (absolute % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(bytes.buffer, absolute, count);
  const copy = new Uint8Array(count * Ctor.BYTES_PER_ELEMENT);
  copy.set(bytes.subarray(offset, offset + copy.length));
  return new Ctor(copy.buffer, 0, count);
}

// Separate loops per array type keep each one monomorphic, which is what makes them fast.
function mixInt16(src: Int16Array, channels: number, frames: number, out: Float32Array): void {
  const scale = 1 / (32768 * channels);
  if (channels === 1) {
    for (let i = 0; i < frames; i++) out[i] = src[i] * scale;
  } else if (channels === 2) {
    for (let i = 0, j = 0; i < frames; i++, j += 2) out[i] = (src[j] + src[j + 1]) * scale;
  } else {
    for (let i = 0, j = 0; i < frames; i++) {
      let sum = 0;
      for (let c = 0; c < channels; c++, j++) sum += src[j];
      out[i] = sum * scale;
    }
  }
}

function mixInt32(src: Int32Array, channels: number, frames: number, out: Float32Array): void {
  const scale = 1 / (2147483648 * channels);
  for (let i = 0, j = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++, j++) sum += src[j];
    out[i] = sum * scale;
  }
}

function mixFloat(
  src: Float32Array | Float64Array,
  channels: number,
  frames: number,
  out: Float32Array,
): void {
  if (channels === 1) {
    out.set(src.subarray(0, frames));
    return;
  }
  const scale = 1 / channels;
  for (let i = 0, j = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++, j++) sum += src[j];
    out[i] = sum * scale;
  }
}

/** Mixes `frames` frames of packed little-endian samples starting at `offset` into `out`. */
type PackedMixer = (
  bytes: Uint8Array,
  offset: number,
  channels: number,
  frames: number,
  out: Float32Array,
) => void;

const mixUint8: PackedMixer = (bytes, offset, channels, frames, out) => {
  const scale = 1 / (128 * channels);
  for (let i = 0, j = offset; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++, j++) sum += bytes[j] - 128;
    out[i] = sum * scale;
  }
};

const mixInt24: PackedMixer = (bytes, offset, channels, frames, out) => {
  const scale = 1 / (8388608 * channels);
  for (let i = 0, j = offset; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++, j += 3)
      sum += ((bytes[j] | (bytes[j + 1] << 8) | (bytes[j + 2] << 16)) << 8) >> 8;
    out[i] = sum * scale;
  }
};

/** Any layout, any endianness: slower, used for RIFX, padded containers and big-endian hosts. */
function mixGeneric(bytes: Uint8Array, layout: WavLayout, frames: number, out: Float32Array): void {
  const { channels, bytesPerSample: size, blockAlign, littleEndian: le, encoding } = layout;
  const view = new DataView(bytes.buffer, bytes.byteOffset + layout.dataOffset, frames * blockAlign);
  const fullScale = 2 ** (8 * size - 1);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) {
      const at = i * blockAlign + c * size;
      if (encoding === 'float') sum += size === 4 ? view.getFloat32(at, le) : view.getFloat64(at, le);
      else if (size === 1) sum += (view.getUint8(at) - 128) / 128;
      else if (size === 2) sum += view.getInt16(at, le) / fullScale;
      else if (size === 4) sum += view.getInt32(at, le) / fullScale;
      else {
        const b0 = view.getUint8(at + (le ? 0 : 2));
        const b1 = view.getUint8(at + 1);
        const b2 = view.getUint8(at + (le ? 2 : 0));
        sum += (((b0 | (b1 << 8) | (b2 << 16)) << 8) >> 8) / fullScale;
      }
    }
    out[i] = sum / channels;
  }
}

/** Decodes a PCM or float data chunk to mono Float32 by averaging the channels. */
export function wavSamplesToMono(bytes: Uint8Array, layout: WavLayout): Float32Array {
  const { channels, bytesPerSample: size, dataOffset, encoding } = layout;
  const frames = layout.frames;
  const out = new Float32Array(frames);
  const count = frames * channels;
  const packed = layout.blockAlign === channels * size;
  if (!layout.littleEndian || !PLATFORM_LE || !packed) {
    mixGeneric(bytes, layout, frames, out);
  } else if (encoding === 'float') {
    mixFloat(
      viewAs(bytes, dataOffset, count, size === 4 ? Float32Array : Float64Array) as
        Float32Array | Float64Array,
      channels,
      frames,
      out,
    );
  } else if (size === 1) {
    mixUint8(bytes, dataOffset, channels, frames, out);
  } else if (size === 2) {
    mixInt16(viewAs(bytes, dataOffset, count, Int16Array) as Int16Array, channels, frames, out);
  } else if (size === 3) {
    mixInt24(bytes, dataOffset, channels, frames, out);
  } else {
    mixInt32(viewAs(bytes, dataOffset, count, Int32Array) as Int32Array, channels, frames, out);
  }
  return out;
}
