import { id3v2End } from './sniff.js';

const SAMPLE_RATES = [44100, 48000, 32000];
const SEARCH_BYTES = 64 * 1024;

interface FrameHeader {
  sampleRate: number;
  samplesPerFrame: number;
  sideInfoBytes: number;
}

function parseHeader(b: Uint8Array, at: number): FrameHeader | undefined {
  if (b[at] !== 0xff || (b[at + 1] & 0xe0) !== 0xe0) return undefined;
  const version = (b[at + 1] >> 3) & 0x03; // 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5
  const layer = (b[at + 1] >> 1) & 0x03; // 1 layer III, 2 layer II, 3 layer I
  const bitrateIndex = b[at + 2] >> 4;
  const rateIndex = (b[at + 2] >> 2) & 0x03;
  if (version === 1 || layer === 0 || bitrateIndex === 0x0f || rateIndex === 3) return undefined;
  const mono = b[at + 3] >> 6 === 3;
  const mpeg1 = version === 3;
  const sampleRate = SAMPLE_RATES[rateIndex] / (mpeg1 ? 1 : version === 2 ? 2 : 4);
  const samplesPerFrame = layer === 3 ? 384 : layer === 2 || mpeg1 ? 1152 : 576;
  const sideInfoBytes = mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17;
  return { sampleRate, samplesPerFrame, sideInfoBytes };
}

function u32be(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

function tagAt(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
}

export interface Mp3DurationProbe {
  durationS: number;
  /** The frame count includes encoder delay and padding, up to a few frames more than the audio. */
  overestimateS: number;
}

/**
 * Duration of an MP3 from the frame count in its Xing/Info or VBRI header (LAME and ffmpeg write one).
 * Without such a header the length is only knowable by decoding, so this returns undefined.
 */
export function probeMp3DurationS(b: Uint8Array): Mp3DurationProbe | undefined {
  const start = id3v2End(b);
  const end = Math.min(b.length - 48, start + SEARCH_BYTES);
  for (let at = start; at < end; at++) {
    const header = parseHeader(b, at);
    if (!header) continue;
    const xing = at + 4 + header.sideInfoBytes;
    const tag = tagAt(b, xing);
    let frames: number | undefined;
    if ((tag === 'Xing' || tag === 'Info') && u32be(b, xing + 4) & 0x01) frames = u32be(b, xing + 8);
    else if (tagAt(b, at + 36) === 'VBRI') frames = u32be(b, at + 36 + 14);
    if (frames === undefined) return undefined;
    const frameS = header.samplesPerFrame / header.sampleRate;
    return { durationS: frames * frameS, overestimateS: 3 * frameS };
  }
  return undefined;
}
