import { WAVE_FORMAT } from './wav-header.js';

export interface EncodeWavOptions {
  /** Default 16, or 32 when float. */
  bitDepth?: 8 | 16 | 24 | 32;
  /** IEEE float samples (32-bit only); written unclamped, NaN included. */
  float?: boolean;
  /** Write a WAVE_FORMAT_EXTENSIBLE header, as sox does for more than 16 bits. */
  extensible?: boolean;
}

const PLATFORM_LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const SUBFORMAT_GUID_TAIL = [
  0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71,
];

function quantise(x: number, fullScale: number): number {
  // scale by 2^(bits-1) so that k / 2^(bits-1) survives a round trip exactly
  const q = Math.round(x * fullScale);
  return q >= fullScale ? fullScale - 1 : q < -fullScale ? -fullScale : q || 0;
}

function writeAscii(view: DataView, at: number, text: string): void {
  for (let i = 0; i < text.length; i++) view.setUint8(at + i, text.charCodeAt(i));
}

/** What the header says. */
interface Layout {
  channels: number;
  sampleRate: number;
  bits: number;
  float: boolean;
  extensible: boolean;
  frames: number;
  blockAlign: number;
  dataBytes: number;
  fmtBytes: number;
  headerBytes: number;
}

function layoutOf(channels: Float32Array[], sampleRate: number, opts: EncodeWavOptions): Layout {
  const float = opts.float ?? false;
  const bits = opts.bitDepth ?? (float ? 32 : 16);
  if (channels.length === 0) throw new RangeError('encodeWav needs at least one channel');
  if (float && bits !== 32) throw new RangeError(`float WAV is written as 32-bit, not ${bits}-bit`);
  if (!Number.isInteger(sampleRate) || sampleRate <= 0)
    throw new RangeError(`sample rate must be a positive integer, got ${sampleRate}`);
  const frames = channels[0].length;
  if (channels.some((c) => c.length !== frames))
    throw new RangeError('all channels must have the same length');
  const extensible = opts.extensible ?? false;
  const blockAlign = channels.length * (bits / 8);
  const fmtBytes = extensible ? 40 : float ? 18 : 16;
  const factBytes = float && !extensible ? 12 : 0;
  return {
    channels: channels.length,
    sampleRate,
    bits,
    float,
    extensible,
    frames,
    blockAlign,
    dataBytes: frames * blockAlign,
    fmtBytes,
    headerBytes: 12 + 8 + fmtBytes + factBytes + 8,
  };
}

function writeHeader(out: Uint8Array, view: DataView, l: Layout): void {
  writeAscii(view, 0, 'RIFF');
  view.setUint32(4, out.length - 8, true);
  writeAscii(view, 8, 'WAVE');
  writeAscii(view, 12, 'fmt ');
  view.setUint32(16, l.fmtBytes, true);
  const tag = l.float ? WAVE_FORMAT.IEEE_FLOAT : WAVE_FORMAT.PCM;
  view.setUint16(20, l.extensible ? WAVE_FORMAT.EXTENSIBLE : tag, true);
  view.setUint16(22, l.channels, true);
  view.setUint32(24, l.sampleRate, true);
  view.setUint32(28, l.sampleRate * l.blockAlign, true);
  view.setUint16(32, l.blockAlign, true);
  view.setUint16(34, l.bits, true);
  if (l.extensible) {
    view.setUint16(36, 22, true);
    view.setUint16(38, l.bits, true);
    view.setUint32(40, l.channels === 1 ? 0x4 : l.channels === 2 ? 0x3 : 0, true);
    view.setUint16(44, tag, true);
    out.set(SUBFORMAT_GUID_TAIL, 46);
  } else if (l.float) {
    view.setUint16(36, 0, true);
    writeAscii(view, 38, 'fact');
    view.setUint32(42, 4, true);
    view.setUint32(46, l.frames, true);
  }
  writeAscii(view, l.headerBytes - 8, 'data');
  view.setUint32(l.headerBytes - 4, l.dataBytes, true);
}

/** The samples, interleaved, after the header. */
function writeSamples(out: Uint8Array, view: DataView, channels: Float32Array[], l: Layout): void {
  const { frames, bits, headerBytes: base } = l;
  const n = channels.length;
  if (l.float) {
    for (let c = 0; c < n; c++)
      for (let i = 0; i < frames; i++) view.setFloat32(base + (i * n + c) * 4, channels[c][i], true);
  } else if (bits === 8) {
    for (let c = 0; c < n; c++)
      for (let i = 0; i < frames; i++) out[base + i * n + c] = quantise(channels[c][i], 128) + 128;
  } else if (bits === 16 && PLATFORM_LE && base % 2 === 0) {
    const pcm = new Int16Array(out.buffer, base, frames * n);
    for (let c = 0; c < n; c++)
      for (let i = 0; i < frames; i++) pcm[i * n + c] = quantise(channels[c][i], 32768);
  } else {
    const fullScale = 2 ** (bits - 1);
    const bytesPerSample = bits / 8;
    for (let c = 0; c < n; c++) {
      for (let i = 0; i < frames; i++) {
        const q = quantise(channels[c][i], fullScale);
        const at = base + (i * n + c) * bytesPerSample;
        for (let b = 0; b < bytesPerSample; b++) out[at + b] = (q >> (8 * b)) & 0xff;
      }
    }
  }
}

/** A RIFF/WAVE file of the given samples (one array per channel, all the same length). */
export function encodeWav(
  samples: Float32Array | Float32Array[],
  sampleRate: number,
  opts: EncodeWavOptions = {},
): Uint8Array {
  const channels = Array.isArray(samples) ? samples : [samples];
  const layout = layoutOf(channels, sampleRate, opts);
  const padding = layout.dataBytes & 1;
  const out = new Uint8Array(layout.headerBytes + layout.dataBytes + padding);
  const view = new DataView(out.buffer);
  writeHeader(out, view, layout);
  writeSamples(out, view, channels, layout);
  return out;
}
