import { describeNonAudio } from './describe-bytes.js';

/** What the first bytes say a file is; the extension is never consulted. */
export type Sniffed =
  | { kind: 'wav' }
  | { kind: 'other-audio'; format: string }
  | { kind: 'not-audio'; looksLike: string }
  | { kind: 'unknown' };

function ascii(bytes: Uint8Array, at: number, length: number): string {
  let s = '';
  for (let i = at; i < at + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/** ID3v2 tags may precede MP3, FLAC and AAC streams. Returns where the tag ends, or 0. */
export function id3v2End(bytes: Uint8Array): number {
  if (bytes.length < 10 || ascii(bytes, 0, 3) !== 'ID3') return 0;
  const size =
    ((bytes[6] & 0x7f) << 21) | ((bytes[7] & 0x7f) << 14) | ((bytes[8] & 0x7f) << 7) | (bytes[9] & 0x7f);
  const footer = bytes[5] & 0x10 ? 10 : 0;
  return 10 + size + footer;
}

function isMpegAudioSync(bytes: Uint8Array, at: number): boolean {
  // layer bits 00 are reserved in MPEG audio (that pattern is AAC ADTS)
  return (
    bytes.length >= at + 2 &&
    bytes[at] === 0xff &&
    (bytes[at + 1] & 0xe0) === 0xe0 &&
    (bytes[at + 1] & 0x06) !== 0
  );
}

function isAdts(bytes: Uint8Array, at: number): boolean {
  return bytes.length >= at + 2 && bytes[at] === 0xff && (bytes[at + 1] & 0xf6) === 0xf0;
}

function oggFormat(bytes: Uint8Array): string {
  // the first page carries the codec's identification packet right after its segment table
  const segments = bytes[26] ?? 0;
  const packet = 27 + segments;
  if (ascii(bytes, packet, 8) === 'OpusHead') return 'opus';
  if (ascii(bytes, packet + 1, 6) === 'vorbis') return 'ogg-vorbis';
  if (ascii(bytes, packet + 1, 4) === 'FLAC') return 'ogg-flac';
  return 'ogg';
}

export function sniffAudio(bytes: Uint8Array): Sniffed {
  const magic = ascii(bytes, 0, 4);
  const form = ascii(bytes, 8, 4);
  const riff = magic === 'RIFF' || magic === 'RIFX' || magic === 'RF64' || magic === 'BW64';
  // too short to name its form: most likely a WAV cut off, which the WAV parser reports as truncated
  if (riff && (form === 'WAVE' || bytes.length < 12)) return { kind: 'wav' };
  if (magic === 'RIFF' && form === 'AVI ') return { kind: 'other-audio', format: 'avi' };
  if (magic === 'fLaC') return { kind: 'other-audio', format: 'flac' };
  if (magic === 'OggS') return { kind: 'other-audio', format: oggFormat(bytes) };
  if (magic === 'FORM' && (form === 'AIFF' || form === 'AIFC'))
    return { kind: 'other-audio', format: 'aiff' };
  if (magic === 'caff') return { kind: 'other-audio', format: 'caf' };
  if (magic === 'qoaf') return { kind: 'other-audio', format: 'qoa' };
  if (ascii(bytes, 0, 5) === '#!AMR') return { kind: 'other-audio', format: 'amr' };
  if (ascii(bytes, 4, 4) === 'ftyp') return { kind: 'other-audio', format: 'm4a' };
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)
    return { kind: 'other-audio', format: 'webm' };
  if (bytes[0] === 0x30 && bytes[1] === 0x26 && bytes[2] === 0xb2 && bytes[3] === 0x75)
    return { kind: 'other-audio', format: 'wma' };

  const afterTag = id3v2End(bytes);
  if (afterTag > 0) {
    if (ascii(bytes, afterTag, 4) === 'fLaC') return { kind: 'other-audio', format: 'flac' };
    if (isAdts(bytes, afterTag)) return { kind: 'other-audio', format: 'aac' };
    return { kind: 'other-audio', format: 'mp3' };
  }

  const other = describeNonAudio(bytes);
  if (other !== undefined) return { kind: 'not-audio', looksLike: other };
  if (isAdts(bytes, 0)) return { kind: 'other-audio', format: 'aac' };
  if (isMpegAudioSync(bytes, 0)) return { kind: 'other-audio', format: 'mp3' };
  return { kind: 'unknown' };
}
