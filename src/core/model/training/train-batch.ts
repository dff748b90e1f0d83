import {
  augmentMel,
  maskSpec,
  randomCrop,
  type AugmentConfig,
  type FeatureConfig,
  type ShortClipFill,
  type Spectrogram,
} from '../../features/index.js';
import { createRng, sampleGamma, type Rng } from '../../util/random.js';
import { bankSpec, type FeatureBank } from '../feature-bank.js';
import { instanceOffsets, writeNormalised, type InputNorm } from '../input-norm.js';

/** Everything a batch maker needs besides the features: plain data, so it can be posted to a worker. */
export interface TrainBatchPlan {
  frames: number;
  classes: number;
  /** Loss weight of each class (1 for all when class weighting is off). */
  classWeights: number[];
  augment: AugmentConfig;
  /** Chance that each enabled pitch / stretch / noise augmentation touches a given clip. */
  augmentProbability: number;
  featureConfig: FeatureConfig;
  norm: InputNorm;
  /** Beta(alpha, alpha) mixing of pairs in the batch; 0 turns mixup off. */
  mixupAlpha: number;
  /** How a clip shorter than the crop fills it (default 'silence'). */
  fill?: ShortClipFill;
}

export interface TrainBatch {
  size: number;
  /** [size][frames][bins] model input. */
  x: Float32Array;
  /** [size][classes] targets (one-hot, or mixed by mixup). */
  y: Float32Array;
  /** [size] loss weight of each example. */
  w: Float32Array;
}

export interface BatchItem {
  /** Index in the feature bank. */
  clip: number;
  label: number;
}

/**
 * One training batch: for each clip, augment the cached log-mel (pitch, stretch, noise), take a random
 * fixed-length crop, normalise, mask (SpecAugment), then mix pairs (mixup). Everything random comes from
 * `seed`, so a batch is the same whether a worker or the main thread makes it.
 */
export function makeTrainBatch(
  bank: FeatureBank,
  items: readonly BatchItem[],
  seed: number,
  plan: TrainBatchPlan,
): TrainBatch {
  const rng = createRng(seed);
  const size = items.length;
  const bins = bank.bins;
  const stride = plan.frames * bins;
  const x = new Float32Array(size * stride);
  const y = new Float32Array(size * plan.classes);
  const w = new Float32Array(size);
  const waveAug = plan.augment.pitch || plan.augment.stretch || plan.augment.noise;
  items.forEach((item, i) => {
    let spec: Spectrogram = bankSpec(bank, item.clip);
    if (waveAug) {
      // Three draws whatever is enabled, so switching one augmentation off leaves the others' draws alone.
      const p = plan.augmentProbability;
      const pitch = rng.next() < p;
      const stretch = rng.next() < p;
      const noise = rng.next() < p;
      const aug = {
        ...plan.augment,
        pitch: plan.augment.pitch && pitch,
        stretch: plan.augment.stretch && stretch,
        noise: plan.augment.noise && noise,
      };
      spec = augmentMel(spec, aug, rng, plan.featureConfig);
    }
    const offsets = instanceOffsets(spec, plan.norm.instance);
    let crop = randomCrop(spec, plan.frames, rng, undefined, plan.fill);
    if (plan.augment.mask) {
      // Masks go on after normalisation so that the fill value 0 means "the average band energy".
      const normalised = { frames: plan.frames, bins, data: new Float32Array(stride) };
      writeNormalised(crop, offsets, plan.norm, normalised.data);
      crop = maskSpec(normalised, plan.augment, rng, 0);
      x.set(crop.data, i * stride);
    } else {
      writeNormalised(crop, offsets, plan.norm, x, i * stride);
    }
    y[i * plan.classes + item.label] = 1;
    w[i] = plan.classWeights[item.label] ?? 1;
  });
  if (plan.mixupAlpha > 0 && size > 1) mixup(x, y, w, size, stride, plan.classes, plan.mixupAlpha, rng);
  return { size, x, y, w };
}

/** Mixes each example with a random partner; the example's own share stays at least one half. */
function mixup(
  x: Float32Array,
  y: Float32Array,
  w: Float32Array,
  size: number,
  stride: number,
  classes: number,
  alpha: number,
  rng: Rng,
): void {
  const partner = rng.shuffle(Array.from({ length: size }, (_, i) => i));
  const x0 = x.slice();
  const y0 = y.slice();
  const w0 = w.slice();
  for (let i = 0; i < size; i++) {
    const j = partner[i];
    if (j === i) continue;
    const a = sampleGamma(rng, alpha);
    const b = sampleGamma(rng, alpha);
    let lam = a / (a + b);
    if (!Number.isFinite(lam)) lam = 1;
    lam = Math.max(lam, 1 - lam);
    const xi = i * stride;
    const xj = j * stride;
    for (let k = 0; k < stride; k++) x[xi + k] = lam * x0[xi + k] + (1 - lam) * x0[xj + k];
    for (let c = 0; c < classes; c++)
      y[i * classes + c] = lam * y0[i * classes + c] + (1 - lam) * y0[j * classes + c];
    w[i] = lam * w0[i] + (1 - lam) * w0[j];
  }
}
