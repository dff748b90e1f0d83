// Synthetic log-mel clips for fast model tests: class c carries a bright band at its own mel rows,
// buried in noise, with random lengths and levels, so a CNN must learn the band, not the level.
import {
  DEFAULT_AUGMENT,
  DEFAULT_FEATURE_CONFIG,
  type Spectrogram,
} from '../../../src/core/features/index.js';
import { createFeatureBank, type FeatureBank } from '../../../src/core/model/feature-bank.js';
import { fitInputNorm } from '../../../src/core/model/input-norm.js';
import type { BatchItem, TrainBatchPlan } from '../../../src/core/model/training/train-batch.js';
import { createRng } from '../../../src/core/util/random.js';

export const MELS = 16;
export const FRAMES = 24;

export function syntheticClip(label: number, seed: number, frames = FRAMES + (seed % 9)): Spectrogram {
  const rng = createRng(seed);
  const data = new Float32Array(frames * MELS);
  const level = rng.uniform(-60, -30);
  for (let t = 0; t < frames; t++) {
    for (let b = 0; b < MELS; b++) {
      const band = b >= label * 5 && b < label * 5 + 3 ? 18 : 0;
      data[t * MELS + b] = level + band + rng.normal() * 4;
    }
  }
  return { frames, bins: MELS, data };
}

export function syntheticSet(
  perClass: number,
  classes: number,
  seed: number,
): { bank: FeatureBank; items: BatchItem[] } {
  const specs: Spectrogram[] = [];
  const items: BatchItem[] = [];
  for (let i = 0; i < perClass * classes; i++) {
    const label = i % classes;
    items.push({ clip: specs.length, label });
    specs.push(syntheticClip(label, seed * 10007 + i));
  }
  return { bank: createFeatureBank(specs), items };
}

export function syntheticPlan(specs: Iterable<Spectrogram>, classes: number, mask = false): TrainBatchPlan {
  return {
    frames: FRAMES,
    classes,
    classWeights: new Array<number>(classes).fill(1),
    augment: {
      ...DEFAULT_AUGMENT,
      pitch: false,
      stretch: false,
      noise: false,
      mask,
      timeMaskMax: 4,
      freqMaskMax: 2,
    },
    augmentProbability: 0.5,
    featureConfig: { ...DEFAULT_FEATURE_CONFIG, nMels: MELS, nMfcc: MELS },
    norm: fitInputNorm(specs, 'none', { trimDb: 0, topDb: 80 }),
    mixupAlpha: 0,
  };
}
