// Public surface of the feature engine. Browser-safe: the renderer runs the same code to predict, so Node and
// the browser compute identical features.

export {
  DEFAULT_FEATURE_CONFIG,
  assertValidFeatureConfig,
  featureConfigKey,
  type FeatureConfig,
} from './config.js';
export {
  cloneSpectrogram,
  createSpectrogram,
  spectrogramMax,
  spectrogramMin,
  type Spectrogram,
} from './spectrogram.js';
export { hzToMel, melToHz } from './mel-scale.js';
export { melFilterbank, type MelFilterbank } from './mel-filterbank.js';
export { hannWindow } from './window.js';
export { forEachPowerFrame, powerSpectrogram, stftFrameCount } from './stft.js';
export { applyTopDbInPlace, logMelSpectrogram, melPowerSpectrogram, type LogMelOptions } from './log-mel.js';
export { dctIIOrthoMatrix, mfcc } from './mfcc.js';
export { deltas } from './deltas.js';
export { cropOrPad, randomCrop, slidingWindows, type ShortClipFill } from './fixed-size.js';
export { MIN_STD, computeNormStats, normalise, type NormStats } from './normalise.js';
export { DEFAULT_AUGMENT, type AugmentConfig } from './augment/augment-config.js';
export { pitchShiftMel } from './augment/pitch-shift-mel.js';
export { timeStretchMel } from './augment/time-stretch-mel.js';
export { addNoiseMel, estimateMeanPower } from './augment/add-noise-mel.js';
export { maskSpec } from './augment/mask.js';
export { augmentMel } from './augment/augment-mel.js';
export { addNoiseWave, pitchShiftWave, timeStretchWave } from './augment/wave-augment.js';
export { energyContour, DEFAULT_ENERGY, type EnergyContour, type EnergyOptions } from './energy.js';
export {
  pitchContour,
  medianVoicedHz,
  voicedShare,
  DEFAULT_PITCH,
  type PitchContour,
  type PitchOptions,
} from './pitch.js';
export { computeContours, type Contours } from './contours.js';
