import { AudioError } from './audio-error.js';
import { mixToMono } from './mixdown.js';
import { errorMessage } from '../../common/error-message.js';

export interface LibraryDecoded {
  sampleRate: number;
  channelData: Float32Array[];
}

/** Compressed formats (and WAV codecs we do not parse) go through audio-decode, loaded only when needed. */
export async function decodeWithLibrary(bytes: Uint8Array, format: string): Promise<LibraryDecoded> {
  const { default: decode } = await import('audio-decode');
  try {
    const { sampleRate, channelData } = await decode(bytes);
    return { sampleRate, channelData: [...channelData] };
  } catch (error) {
    throw libraryError(error, format);
  }
}

/** Our sniffer's names of the plain streams audio-decode decodes chunk by chunk, and its names for them. */
const STREAM_CODECS: Readonly<Record<string, 'mp3' | 'aac' | 'flac' | 'opus' | 'oga'>> = {
  mp3: 'mp3',
  aac: 'aac',
  flac: 'flac',
  opus: 'opus',
  'ogg-vorbis': 'oga',
};

const CHUNK_BYTES = 64 * 1024;
/** Longest stretch of decoding between two turns of the event loop (a server keeps answering). */
const SLICE_MS = 15;

export function decodesInChunks(format: string): boolean {
  return format in STREAM_CODECS;
}

export interface BoundedDecoded {
  sampleRate: number;
  channels: number;
  mono: Float32Array;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Decodes a plain stream (decodesInChunks) a chunk at a time and stops as soon as it passes `maxDurationS`:
 * a file whose header does not state its length (an MP3 without a Xing/Info header) costs at most the
 * limit's worth of samples in memory and time, however large it is. Channels are mixed to mono per chunk.
 */
export async function decodeStreamBounded(
  bytes: Uint8Array,
  format: string,
  maxDurationS: number,
): Promise<BoundedDecoded> {
  const codec = STREAM_CODECS[format];
  if (!codec) throw new Error(`not a stream format: ${format}`);
  const { decodeChunked } = await import('audio-decode/stream');
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
  }
  const parts: Float32Array[] = [];
  let frames = 0;
  let sampleRate = 0;
  let channels = 0;
  let sliceStart = Date.now();
  try {
    for await (const pcm of decodeChunked(chunks(), codec)) {
      if (pcm.channelData.length === 0) continue;
      sampleRate ||= pcm.sampleRate;
      channels = Math.max(channels, pcm.channelData.length);
      const mono = mixToMono(pcm.channelData);
      // a single channel comes back as the decoder's own array, which it may reuse for the next chunk
      parts.push(pcm.channelData.length === 1 ? mono.slice() : mono);
      frames += mono.length;
      if (frames > maxDurationS * sampleRate) {
        throw new AudioError(
          'too-long',
          `too long: it lasts more than the ${maxDurationS} s limit (decoding stopped there)`,
        );
      }
      if (Date.now() - sliceStart > SLICE_MS) {
        await nextTurn();
        sliceStart = Date.now();
      }
    }
  } catch (error) {
    if (error instanceof AudioError) throw error;
    throw libraryError(error, format);
  }
  const mono = new Float32Array(frames);
  let at = 0;
  for (const part of parts) {
    mono.set(part, at);
    at += part.length;
  }
  return { sampleRate, channels, mono };
}

function libraryError(error: unknown, format: string): AudioError {
  const reason = errorMessage(error);
  if (/unknown audio format/i.test(reason)) {
    return new AudioError('not-audio', 'not audio: unrecognised binary data', { cause: error });
  }
  if (/no decoder for/i.test(reason)) {
    return new AudioError('unsupported', `no decoder for this audio format (${reason})`, { cause: error });
  }
  const label = format === 'unknown' ? 'the audio' : format.toUpperCase();
  return new AudioError(
    'not-audio',
    `could not decode ${label}: the data is damaged or not really audio (decoder said: ${reason})`,
    { cause: error },
  );
}
