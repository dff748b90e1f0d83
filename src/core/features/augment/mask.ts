// SpecAugment masks (Park et al. 2019): time masks blank whole frames, frequency masks whole bins. The trainer
// applies them after normalisation, so it chooses the fill value (0 there is the training mean).

import type { Rng } from '../../util/random.js';
import { cloneSpectrogram, type Spectrogram } from '../spectrogram.js';
import type { AugmentConfig } from './augment-config.js';

/** Returns the input itself when masking is switched off. */
export function maskSpec(spec: Spectrogram, cfg: AugmentConfig, rng: Rng, fillValue: number): Spectrogram {
  if (!cfg.mask) return spec;
  const out = cloneSpectrogram(spec);
  const { frames, bins, data } = out;
  if (frames === 0 || bins === 0) return out;
  for (let i = 0; i < cfg.timeMasks; i++) {
    const width = rng.int(Math.min(cfg.timeMaskMax, frames) + 1);
    const t0 = rng.int(frames - width + 1);
    data.fill(fillValue, t0 * bins, (t0 + width) * bins);
  }
  for (let i = 0; i < cfg.freqMasks; i++) {
    const width = rng.int(Math.min(cfg.freqMaskMax, bins) + 1);
    const f0 = rng.int(bins - width + 1);
    if (width === 0) continue;
    for (let t = 0; t < frames; t++) data.fill(fillValue, t * bins + f0, t * bins + f0 + width);
  }
  return out;
}
