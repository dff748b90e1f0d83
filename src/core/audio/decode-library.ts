import { AudioError } from './audio-error.js';
import { hexHead } from './describe-bytes.js';

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
    const reason = error instanceof Error ? error.message : String(error);
    if (/unknown audio format/i.test(reason)) {
      throw new AudioError(
        'not-audio',
        `not audio: unrecognised binary data (first bytes ${hexHead(bytes)})`,
        { cause: error },
      );
    }
    if (/no decoder for/i.test(reason)) {
      throw new AudioError('unsupported', `no decoder for this audio format (${reason})`, { cause: error });
    }
    const label = format === 'unknown' ? 'the audio' : format.toUpperCase();
    throw new AudioError(
      'not-audio',
      `could not decode ${label}: the data is damaged or not really audio (decoder said: ${reason})`,
      { cause: error },
    );
  }
}
