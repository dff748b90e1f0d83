import { resampleTo } from '../audio/resample.js';
import { TARGET_SAMPLE_RATE } from '../audio/types.js';
import { encodeWav } from '../audio/wav-encode.js';
import { checkTake, type TakeCheck } from './take-checks.js';
import { trimSilence } from './trim.js';

export interface PreparedTake {
  check: TakeCheck;
  /** 16 kHz mono, trimmed if asked: what the WAV holds. */
  samples: Float32Array;
  /** A 16-bit PCM WAV at 16 kHz mono, what the project keeps; null when the check refused the take. */
  wav: Uint8Array | null;
  /** Seconds cut from the start and the end. */
  trimmed: { startS: number; endS: number };
}

/**
 * A captured take as the project will keep it: checked on the signal as captured (before resampling can
 * smooth a clipped plateau), optionally trimmed, resampled band-limited to 16 kHz and written as 16-bit WAV.
 */
export async function prepareTake(
  captured: Float32Array,
  sampleRate: number,
  opts: { trim?: boolean } = {},
): Promise<PreparedTake> {
  const check = checkTake(captured, sampleRate);
  const cut = opts.trim
    ? trimSilence(captured, sampleRate)
    : { start: 0, end: captured.length, samples: captured };
  const trimmed = { startS: cut.start / sampleRate, endS: (captured.length - cut.end) / sampleRate };
  const samples = await resampleTo(cut.samples, sampleRate, TARGET_SAMPLE_RATE);
  const wav = check.ok ? encodeWav(samples, TARGET_SAMPLE_RATE, { bitDepth: 16 }) : null;
  return { check, samples, wav, trimmed };
}
