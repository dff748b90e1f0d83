import { CHECK_FRAME_S, frameLevels } from './take-checks.js';

/**
 * Leading and trailing silence: frames quieter than both -50 dBFS and 35 dB under the take's loudest frame
 * (so a noisy room's floor counts as silence too). A margin of TRIM_MARGIN_S is kept each side so that soft
 * onsets and word endings are not cut.
 */
export const TRIM_FLOOR_DBFS = -50;
export const TRIM_BELOW_PEAK_DB = 35;
export const TRIM_MARGIN_S = 0.15;

export interface TrimResult {
  start: number;
  end: number;
  samples: Float32Array;
}

/** The take without its leading and trailing silence (a view on the input); all of it if nothing is louder. */
export function trimSilence(samples: Float32Array, sampleRate: number): TrimResult {
  const levels = frameLevels(samples, sampleRate);
  let loudest = 0;
  for (const l of levels) if (l > loudest) loudest = l;
  const threshold = Math.max(10 ** (TRIM_FLOOR_DBFS / 20), loudest * 10 ** (-TRIM_BELOW_PEAK_DB / 20));
  let first = -1;
  let last = -1;
  levels.forEach((l, f) => {
    if (l > threshold) {
      if (first < 0) first = f;
      last = f;
    }
  });
  if (first < 0) return { start: 0, end: samples.length, samples };
  const frame = Math.max(1, Math.round(CHECK_FRAME_S * sampleRate));
  const margin = Math.round(TRIM_MARGIN_S * sampleRate);
  const start = Math.max(0, first * frame - margin);
  const end = Math.min(samples.length, (last + 1) * frame + margin);
  return { start, end, samples: samples.subarray(start, end) };
}
