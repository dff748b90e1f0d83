import { fixture } from './fixtures.js';

const BITRATES_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const RATES = [44100, 48000, 32000];

/** The MPEG-1 Layer III frames of the 44.1 kHz mono fixture, without its ID3 tag and its Info frame. */
function audioFrames(): Uint8Array[] {
  const b = fixture('tone440-44k1-mono.mp3');
  const tagEnd = 10 + ((b[6] << 21) | (b[7] << 14) | (b[8] << 7) | b[9]);
  const frames: Uint8Array[] = [];
  for (let at = tagEnd; at + 4 <= b.length;) {
    if (b[at] !== 0xff || (b[at + 1] & 0xfe) !== 0xfa) break;
    const bitrate = BITRATES_KBPS[b[at + 2] >> 4] * 1000;
    const rate = RATES[(b[at + 2] >> 2) & 3];
    const length = Math.floor((144 * bitrate) / rate) + ((b[at + 2] >> 1) & 1);
    const frame = b.subarray(at, at + length);
    const text = String.fromCharCode(...frame.subarray(0, 64));
    if (!text.includes('Info') && !text.includes('Xing')) frames.push(frame);
    at += length;
  }
  return frames;
}

/**
 * A valid MP3 of about `bytes` bytes with no Xing/Info/VBRI header (nothing says how long it is): the
 * fixture's audio frames repeated. At 64 kbit/s, 10 MB is about 21 minutes.
 */
export function headerlessMp3(bytes: number): Uint8Array {
  const frames = audioFrames();
  const out = new Uint8Array(bytes);
  let at = 0;
  for (let i = 0; ; i++) {
    const frame = frames[i % frames.length];
    if (at + frame.length > bytes) break;
    out.set(frame, at);
    at += frame.length;
  }
  return out.subarray(0, at);
}
