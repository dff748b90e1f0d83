// Feature configuration: the one description of how audio becomes a log-mel spectrogram. It travels with every
// saved model and keys the feature cache, so it must stay plain data.

export interface FeatureConfig {
  sampleRate: number;
  nFft: number;
  winLength: number;
  hopLength: number;
  nMels: number;
  fmin: number;
  fmax: number;
  nMfcc: number;
}

/** Same values as the librosa reference arrays in shared/reference (their `config` field). */
export const DEFAULT_FEATURE_CONFIG: FeatureConfig = Object.freeze({
  sampleRate: 16000,
  nFft: 512,
  winLength: 512,
  hopLength: 160,
  nMels: 64,
  fmin: 0,
  fmax: 8000,
  nMfcc: 40,
});

/**
 * Cache key of the log-mel a config produces. nMfcc is left out on purpose: the cache holds log-mel, and MFCCs are
 * derived from it cheaply.
 */
export function featureConfigKey(cfg: FeatureConfig): string {
  return ['lm', cfg.sampleRate, cfg.nFft, cfg.winLength, cfg.hopLength, cfg.nMels, cfg.fmin, cfg.fmax].join(
    '-',
  );
}

/** Throws a RangeError naming the first invalid field. */
export function assertValidFeatureConfig(cfg: FeatureConfig): void {
  const { sampleRate, nFft, winLength, hopLength, nMels, fmin, fmax, nMfcc } = cfg;
  const isInt = (v: number): boolean => Number.isInteger(v) && v > 0;
  if (!(sampleRate > 0)) throw new RangeError(`sampleRate must be > 0, got ${sampleRate}`);
  // fft.js needs a power of two of at least 4.
  if (!isInt(nFft) || nFft < 4 || (nFft & (nFft - 1)) !== 0)
    throw new RangeError(`nFft must be a power of two >= 4, got ${nFft}`);
  if (!isInt(winLength) || winLength > nFft)
    throw new RangeError(`winLength must be an integer in [1, nFft], got ${winLength}`);
  if (!isInt(hopLength)) throw new RangeError(`hopLength must be a positive integer, got ${hopLength}`);
  if (!isInt(nMels)) throw new RangeError(`nMels must be a positive integer, got ${nMels}`);
  if (!(fmin >= 0 && fmax > fmin && fmax <= sampleRate / 2)) {
    throw new RangeError(`need 0 <= fmin < fmax <= sampleRate/2, got fmin ${fmin}, fmax ${fmax}`);
  }
  if (!isInt(nMfcc) || nMfcc > nMels)
    throw new RangeError(`nMfcc must be an integer in [1, nMels], got ${nMfcc}`);
}
