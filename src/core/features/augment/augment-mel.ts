// Training-time augmentation of a cached log-mel: each enabled transform with a parameter drawn from its range.
// Masking is left out: the trainer applies maskSpec after normalisation, where its fill value means something.

import type { Rng } from '../../util/random.js';
import type { FeatureConfig } from '../config.js';
import type { Spectrogram } from '../spectrogram.js';
import { addNoiseMel } from './add-noise-mel.js';
import type { AugmentConfig } from './augment-config.js';
import { pitchShiftMel } from './pitch-shift-mel.js';
import { timeStretchMel } from './time-stretch-mel.js';

/**
 * Order: stretch, pitch, then noise (noise is added to the transformed clip, not transformed with it). Random
 * draws happen in that fixed order, so a seed reproduces the result. Returns the input itself when all are off.
 */
export function augmentMel(
  logMelDb: Spectrogram,
  aug: AugmentConfig,
  rng: Rng,
  cfg: FeatureConfig,
): Spectrogram {
  let spec = logMelDb;
  if (aug.stretch) spec = timeStretchMel(spec, rng.uniform(aug.stretchRange[0], aug.stretchRange[1]));
  if (aug.pitch) spec = pitchShiftMel(spec, rng.uniform(-aug.pitchSemitones, aug.pitchSemitones), cfg);
  if (aug.noise) spec = addNoiseMel(spec, rng.uniform(aug.snrDbRange[0], aug.snrDbRange[1]), rng, cfg);
  return spec;
}
