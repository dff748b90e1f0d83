import { id3v2End } from './sniff.js';

export interface FlacStreamInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** 0 when the encoder did not know it (streamed encodes). */
  totalFrames: number;
}

/** Reads STREAMINFO, which the FLAC format requires to be the first metadata block. */
export function readFlacStreamInfo(bytes: Uint8Array): FlacStreamInfo | undefined {
  const start = id3v2End(bytes);
  const b = bytes.subarray(start);
  if (b.length < 42 || b[0] !== 0x66 || b[1] !== 0x4c || b[2] !== 0x61 || b[3] !== 0x43) return undefined;
  if ((b[4] & 0x7f) !== 0) return undefined;
  // 8 bytes of magic and block header, then 10 bytes of block and frame sizes
  const p = 18;
  const sampleRate = (b[p] << 12) | (b[p + 1] << 4) | (b[p + 2] >> 4);
  const channels = ((b[p + 2] >> 1) & 0x07) + 1;
  const bitsPerSample = (((b[p + 2] & 0x01) << 4) | (b[p + 3] >> 4)) + 1;
  const totalFrames =
    (b[p + 3] & 0x0f) * 0x1_0000_0000 +
    (((b[p + 4] << 24) | (b[p + 5] << 16) | (b[p + 6] << 8) | b[p + 7]) >>> 0);
  return { sampleRate, channels, bitsPerSample, totalFrames };
}
