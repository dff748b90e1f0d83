import { AudioError } from './audio-error.js';
import { decodeAudioBounded } from './decode.js';
import { checkMaxDurationOption, DEFAULT_MAX_DURATION_S } from './duration-limit.js';
import { resampleTo } from './resample.js';
import { audioStats, SILENCE_LEVEL } from './stats.js';
import { TARGET_SAMPLE_RATE, type LoadedAudio, type LoadOptions } from './types.js';

function silentReason(peak: number): string {
  if (peak === 0) return 'silent: every sample is zero';
  return `silent: the loudest sample is ${(20 * Math.log10(peak)).toFixed(1)} dBFS, under the -60 dBFS floor`;
}

/** Bytes of a recording to validated 16 kHz mono samples with measurements. Browser-safe. */
export async function loadAudio(
  bytes: Uint8Array,
  fileName?: string,
  opts: LoadOptions = {},
): Promise<LoadedAudio> {
  const maxDurationS = opts.maxDurationS ?? DEFAULT_MAX_DURATION_S;
  checkMaxDurationOption(maxDurationS);
  const decoded = await decodeAudioBounded(bytes, fileName, maxDurationS);
  const stats = audioStats(decoded.mono, decoded.sampleRate);
  if ((opts.rejectSilent ?? true) && stats.peak < SILENCE_LEVEL)
    throw new AudioError('silent', silentReason(stats.peak));
  const samples = await resampleTo(decoded.mono, decoded.sampleRate, TARGET_SAMPLE_RATE);
  return {
    samples,
    sampleRate: TARGET_SAMPLE_RATE,
    info: {
      format: decoded.format,
      sampleRate: decoded.sampleRate,
      channels: decoded.channels,
      durationS: stats.durationS,
    },
    stats,
  };
}
