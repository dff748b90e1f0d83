import fs from 'node:fs';
import { basename } from 'node:path';
import { AudioError } from '../audio-error.js';
import { decodesInChunks } from '../decode-library.js';
import { MAX_PREDICT_DURATION_S } from '../duration-limit.js';
import { loadAudio } from '../load.js';
import { mixToMono } from '../mixdown.js';
import { createStreamResampler } from '../resample.js';
import { sniffAudio } from '../sniff.js';
import { TARGET_SAMPLE_RATE } from '../types.js';
import { parseWavHeader, wavFormatName, type WavLayout } from '../wav-header.js';
import { wavSamplesToMono } from '../wav-samples.js';

/** Longest recording imported or predicted as a timeline (a day's lectures would pass; a runaway stream not). */
export const MAX_LONG_RECORDING_S = 6 * 3600;
/** Formats decoded whole (containers: M4A, WebM; A-law and ADPCM WAV) are taken up to this long. */
export const MAX_WHOLE_DECODE_S = MAX_PREDICT_DURATION_S;

const HEAD_BYTES = 256 * 1024;
/** About a second of CD audio a read: small enough to bound memory, large enough to be fast. */
const READ_BYTES = 192 * 1024;
const STREAM_CODECS: Record<string, 'mp3' | 'aac' | 'flac' | 'opus' | 'oga'> = {
  mp3: 'mp3',
  aac: 'aac',
  flac: 'flac',
  opus: 'opus',
  'ogg-vorbis': 'oga',
};

export interface LongDecodeInfo {
  format: string;
  sampleRate: number;
  channels: number;
  /** 16 kHz samples handed out. */
  frames: number;
  durationS: number;
}

/** Called with each piece of the recording at 16 kHz mono, in order; the array is the caller's to keep. */
export type SampleSink = (samples: Float32Array) => void | Promise<void>;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Decodes a recording of any length to 16 kHz mono a piece at a time, never holding the whole of it: PCM and
 * float WAV are read from the file in ~1 s blocks, plain MP3/AAC/FLAC/Ogg streams decoded chunk by chunk;
 * containers that can only be decoded whole are taken up to MAX_WHOLE_DECODE_S. Stops with 'too-long' past
 * `maxDurationS`.
 */
export async function decodeLongFile(
  file: string,
  sink: SampleSink,
  opts: { maxDurationS?: number } = {},
): Promise<LongDecodeInfo> {
  const maxDurationS = opts.maxDurationS ?? MAX_LONG_RECORDING_S;
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AudioError(
      'io',
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(err))}`,
      { cause: err },
    );
  }
  try {
    const size = (await handle.stat()).size;
    if (size === 0) throw new AudioError('empty', 'empty file: it has 0 bytes');
    const head = new Uint8Array(Math.min(size, HEAD_BYTES));
    await handle.read(head, 0, head.length, 0);
    const sniffed = sniffAudio(head);
    if (sniffed.kind === 'not-audio')
      throw new AudioError('not-audio', `not audio: "${basename(file)}" is ${sniffed.looksLike}`);
    if (sniffed.kind === 'wav') {
      const layout = parseWavHeader(head, size);
      if (layout.encoding !== 'delegated') return await decodeWavBlocks(handle, layout, sink, maxDurationS);
    }
    const format =
      sniffed.kind === 'other-audio' ? sniffed.format : sniffed.kind === 'wav' ? 'wav' : 'unknown';
    if (decodesInChunks(format) && format in STREAM_CODECS)
      return await decodeStream(file, format, sink, maxDurationS);
    return await decodeWhole(file, format, sink);
  } finally {
    await handle.close();
  }
}

function tooLong(maxDurationS: number): AudioError {
  return new AudioError('too-long', `too long: it lasts more than the ${Math.round(maxDurationS)} s limit`);
}

async function decodeWavBlocks(
  handle: fs.promises.FileHandle,
  layout: WavLayout,
  sink: SampleSink,
  maxDurationS: number,
): Promise<LongDecodeInfo> {
  const format = wavFormatName(layout);
  if (layout.frames / layout.sampleRate > maxDurationS) throw tooLong(maxDurationS);
  if (layout.frames === 0)
    throw new AudioError('no-samples', `no samples: the ${format} data is empty (0 frames)`);
  const resampler = await createStreamResampler(layout.sampleRate);
  const framesPerRead = Math.max(1, Math.floor(READ_BYTES / layout.blockAlign));
  const buffer = new Uint8Array(framesPerRead * layout.blockAlign);
  let frames = 0;
  const emit = async (s: Float32Array) => {
    if (s.length === 0) return;
    frames += s.length;
    await sink(s);
  };
  for (let done = 0; done < layout.frames;) {
    const take = Math.min(framesPerRead, layout.frames - done);
    const bytes = take * layout.blockAlign;
    const { bytesRead } = await handle.read(buffer, 0, bytes, layout.dataOffset + done * layout.blockAlign);
    const whole = Math.floor(bytesRead / layout.blockAlign);
    if (whole === 0) break;
    const mono = wavSamplesToMono(buffer, {
      ...layout,
      dataOffset: 0,
      frames: whole,
      dataBytes: whole * layout.blockAlign,
    });
    if (layout.encoding === 'float') checkFinite(mono, done, layout.sampleRate);
    await emit(resampler.push(mono));
    done += whole;
  }
  await emit(resampler.end());
  return {
    format,
    sampleRate: layout.sampleRate,
    channels: layout.channels,
    frames,
    durationS: frames / TARGET_SAMPLE_RATE,
  };
}

function checkFinite(mono: Float32Array, offset: number, rate: number): void {
  for (let i = 0; i < mono.length; i++)
    if (mono[i] - mono[i] !== 0)
      throw new AudioError(
        'invalid-samples',
        `invalid samples: NaN or Infinity at ${((offset + i) / rate).toFixed(3)} s`,
      );
}

async function decodeStream(
  file: string,
  format: string,
  sink: SampleSink,
  maxDurationS: number,
): Promise<LongDecodeInfo> {
  const { decodeChunked } = await import('audio-decode/stream');
  let resampler: Awaited<ReturnType<typeof createStreamResampler>> | undefined;
  let sampleRate = 0;
  let channels = 0;
  let frames = 0;
  let sourceFrames = 0;
  const emit = async (s: Float32Array) => {
    if (s.length === 0) return;
    frames += s.length;
    await sink(s);
  };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 64 * 1024 }))
      yield new Uint8Array(chunk as Buffer);
  }
  try {
    for await (const pcm of decodeChunked(chunks(), STREAM_CODECS[format])) {
      if (pcm.channelData.length === 0) continue;
      if (!resampler) {
        sampleRate = pcm.sampleRate;
        resampler = await createStreamResampler(sampleRate);
      }
      channels = Math.max(channels, pcm.channelData.length);
      const mono = mixToMono(pcm.channelData);
      sourceFrames += mono.length;
      if (sourceFrames > maxDurationS * sampleRate) throw tooLong(maxDurationS);
      checkFinite(mono, sourceFrames - mono.length, sampleRate);
      // a single channel is the decoder's own array, which it may reuse: the resampler copies or we do
      await emit(resampler.push(sampleRate === TARGET_SAMPLE_RATE ? mono.slice() : mono));
      await nextTurn();
    }
  } catch (error) {
    if (error instanceof AudioError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AudioError(
      'not-audio',
      `could not decode ${format.toUpperCase()}: the data is damaged or not really audio (decoder said: ${reason})`,
      { cause: error },
    );
  }
  if (!resampler || sourceFrames === 0)
    throw new AudioError('no-samples', `no samples: the ${format} stream decodes to nothing`);
  await emit(resampler.end());
  return { format, sampleRate, channels, frames, durationS: frames / TARGET_SAMPLE_RATE };
}

async function decodeWhole(file: string, format: string, sink: SampleSink): Promise<LongDecodeInfo> {
  const bytes = new Uint8Array(await fs.promises.readFile(file));
  let audio;
  try {
    audio = await loadAudio(bytes, basename(file), { maxDurationS: MAX_WHOLE_DECODE_S, rejectSilent: false });
  } catch (err) {
    if (err instanceof AudioError && err.code === 'too-long')
      throw new AudioError(
        'too-long',
        `too long to decode whole: a ${format.toUpperCase()} file cannot be read piece by piece, and this one lasts more than ${MAX_WHOLE_DECODE_S} s; convert it to WAV, FLAC or MP3 first (for example: ffmpeg -i "${basename(file)}" recording.flac)`,
      );
    throw err;
  }
  const step = TARGET_SAMPLE_RATE * 10;
  for (let at = 0; at < audio.samples.length; at += step) await sink(audio.samples.slice(at, at + step));
  return {
    format: audio.info.format,
    sampleRate: audio.info.sampleRate,
    channels: audio.info.channels,
    frames: audio.samples.length,
    durationS: audio.samples.length / TARGET_SAMPLE_RATE,
  };
}
