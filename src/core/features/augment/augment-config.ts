// Which augmentations training applies, and their ranges. Plain data: it is saved with each training run.

export interface AugmentConfig {
  pitch: boolean;
  stretch: boolean;
  noise: boolean;
  mask: boolean;
  /** Pitch shift drawn uniformly in [-pitchSemitones, +pitchSemitones]. */
  pitchSemitones: number;
  /** Time-stretch rate drawn uniformly in this range (rate > 1 is faster, fewer frames). */
  stretchRange: [number, number];
  /** Signal-to-noise ratio in dB drawn uniformly in this range. */
  snrDbRange: [number, number];
  timeMasks: number;
  /** Each time mask is 0..timeMaskMax frames wide (uniform, inclusive). */
  timeMaskMax: number;
  freqMasks: number;
  /** Each frequency mask is 0..freqMaskMax bins wide (uniform, inclusive). */
  freqMaskMax: number;
}

/**
 * All four on. Mask sizes follow shared/reference/ser_reference.py (one time mask up to 30 frames, one frequency
 * mask up to 8 bands), the setting the reference baselines were measured with.
 */
export const DEFAULT_AUGMENT: AugmentConfig = Object.freeze({
  pitch: true,
  stretch: true,
  noise: true,
  mask: true,
  pitchSemitones: 2,
  stretchRange: Object.freeze([0.85, 1.15]) as [number, number],
  snrDbRange: Object.freeze([10, 30]) as [number, number],
  timeMasks: 1,
  timeMaskMax: 30,
  freqMasks: 1,
  freqMaskMax: 8,
});
