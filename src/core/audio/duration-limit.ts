import { AudioError } from './audio-error.js';

export const DEFAULT_MAX_DURATION_S = 120;
/** Longest recording a prediction takes (scored over windows, but not hours): the studio's and `ser predict`'s. */
export const MAX_PREDICT_DURATION_S = 600;

function seconds(s: number): string {
  return `${s >= 100 ? s.toFixed(0) : s.toFixed(1)} s`;
}

/** Throws 'too-long' when durationS exceeds the limit; `source` says where the duration came from. */
export function enforceMaxDuration(
  durationS: number,
  maxDurationS: number,
  source: 'header' | 'decoded',
): void {
  if (durationS <= maxDurationS) return;
  const how = source === 'header' ? 'its header declares' : 'it lasts';
  throw new AudioError(
    'too-long',
    `too long: ${how} ${seconds(durationS)}, over the ${seconds(maxDurationS)} limit`,
  );
}

export function checkMaxDurationOption(maxDurationS: number): void {
  if (Number.isNaN(maxDurationS) || maxDurationS <= 0)
    throw new RangeError(`maxDurationS must be a positive number or Infinity, got ${maxDurationS}`);
}
