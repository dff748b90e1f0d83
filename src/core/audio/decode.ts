import { AudioError } from './audio-error.js';
import { decodesInChunks, decodeStreamBounded, decodeWithLibrary } from './decode-library.js';
import { enforceMaxDuration } from './duration-limit.js';
import { findNonFinite, mixToMono } from './mixdown.js';
import { probeDuration } from './probe.js';
import { sniffAudio } from './sniff.js';
import type { DecodedAudio } from './types.js';
import { parseWavHeader, wavFormatName } from './wav-header.js';
import { wavSamplesToMono } from './wav-samples.js';

function validated(audio: DecodedAudio, maxDurationS: number): DecodedAudio {
  if (audio.frames === 0)
    throw new AudioError('no-samples', `no samples: the ${audio.format} data is empty (0 frames)`);
  // integers cannot encode NaN or Infinity, so only float sources need the scan
  const bad = audio.format.startsWith('wav-pcm') ? { count: 0, first: -1 } : findNonFinite(audio.mono);
  if (bad.count > 0) {
    const at = (bad.first / audio.sampleRate).toFixed(3);
    throw new AudioError(
      'invalid-samples',
      `invalid samples: ${bad.count} of ${audio.frames} are NaN or Infinity (the first at frame ${bad.first}, ${at} s)`,
    );
  }
  enforceMaxDuration(audio.frames / audio.sampleRate, maxDurationS, 'decoded');
  return audio;
}

async function decodeWav(bytes: Uint8Array, maxDurationS: number): Promise<DecodedAudio> {
  const layout = parseWavHeader(bytes);
  const format = wavFormatName(layout);
  enforceMaxDuration(layout.frames / layout.sampleRate, maxDurationS, 'header');
  if (layout.encoding === 'delegated') {
    const decoded = await decodeWithLibrary(bytes, format);
    const mono = mixToMono(decoded.channelData);
    return {
      format,
      sampleRate: decoded.sampleRate,
      channels: decoded.channelData.length,
      frames: mono.length,
      mono,
    };
  }
  const mono = wavSamplesToMono(bytes, layout);
  return { format, sampleRate: layout.sampleRate, channels: layout.channels, frames: mono.length, mono };
}

async function decodeCompressed(
  bytes: Uint8Array,
  format: string,
  maxDurationS: number,
): Promise<DecodedAudio> {
  const probe = probeDuration(bytes, format);
  if (probe && probe.durationS - probe.slackS > maxDurationS)
    enforceMaxDuration(probe.durationS, maxDurationS, 'header');
  let decoded: { sampleRate: number; channels: number; mono: Float32Array };
  if (Number.isFinite(maxDurationS) && decodesInChunks(format)) {
    // The header may not say how long it is: decode no further than the limit.
    decoded = await decodeStreamBounded(bytes, format, maxDurationS);
  } else {
    const whole = await decodeWithLibrary(bytes, format);
    decoded = {
      sampleRate: whole.sampleRate,
      channels: whole.channelData.length,
      mono: mixToMono(whole.channelData),
    };
  }
  if (decoded.channels === 0)
    throw new AudioError('no-samples', `no samples: the ${format} stream decodes to nothing`);
  const mono = decoded.mono;
  if (probe?.exactFrames !== undefined && mono.length < probe.exactFrames) {
    throw new AudioError(
      'truncated',
      `truncated ${format.toUpperCase()}: the stream declares ${probe.exactFrames} samples but only ${mono.length} could be decoded`,
    );
  }
  return {
    format,
    sampleRate: decoded.sampleRate,
    channels: decoded.channels,
    frames: mono.length,
    mono,
  };
}

/**
 * decodeAudio with a duration limit checked from the header before decoding wherever the format
 * states its length (WAV, FLAC, Ogg Vorbis/Opus, MP3 with a Xing/Info/VBRI header); plain streams without
 * one (MP3, AAC, FLAC, Ogg) are decoded in chunks that stop at the limit; containers after decoding.
 */
export async function decodeAudioBounded(
  bytes: Uint8Array,
  fileName: string | undefined,
  maxDurationS: number,
): Promise<DecodedAudio> {
  if (bytes.length === 0) throw new AudioError('empty', 'empty file: it has 0 bytes');
  const sniffed = sniffAudio(bytes);
  switch (sniffed.kind) {
    case 'wav':
      return validated(await decodeWav(bytes, maxDurationS), maxDurationS);
    case 'not-audio': {
      const named = fileName ? `"${fileName}" is ` : 'it is ';
      throw new AudioError('not-audio', `not audio: ${named}${sniffed.looksLike}`);
    }
    case 'other-audio':
      return validated(await decodeCompressed(bytes, sniffed.format, maxDurationS), maxDurationS);
    case 'unknown':
      // audio-decode knows a few rarer containers than our sniffer; let it have the last word
      return validated(await decodeCompressed(bytes, 'unknown', maxDurationS), maxDurationS);
  }
}

/** Decodes a recording of any supported format (recognised by its bytes, not its name) to mono. */
export async function decodeAudio(bytes: Uint8Array, fileName?: string): Promise<DecodedAudio> {
  return decodeAudioBounded(bytes, fileName, Infinity);
}
