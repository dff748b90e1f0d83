// Pitch shift on a log-mel spectrogram: output band j at centre frequency f takes the input's level at f / 2^(s/12),
// read by linear interpolation between the input bands' centres. Content shifted down from above fmax does not
// exist, so those bands get the clip's floor (its minimum).

import type { FeatureConfig } from '../config.js';
import { melFilterbank } from '../mel-filterbank.js';
import { hzToMel } from '../mel-scale.js';
import { createSpectrogram, spectrogramMin, type Spectrogram } from '../spectrogram.js';

export function pitchShiftMel(logMelDb: Spectrogram, semitones: number, cfg: FeatureConfig): Spectrogram {
  const { frames, bins, data } = logMelDb;
  const fb = melFilterbank(cfg);
  if (fb.nMels !== bins) throw new RangeError(`spectrogram has ${bins} bins, config ${fb.nMels} mel bands`);
  const ratio = Math.pow(2, semitones / 12);
  const melMin = hzToMel(cfg.fmin);
  const melStep = (hzToMel(cfg.fmax) - melMin) / (bins + 1);

  // Per output band: two source bands and the weight of the upper one; lo = -1 marks "no source: floor".
  const lo = new Int32Array(bins);
  const hi = new Int32Array(bins);
  const frac = new Float64Array(bins);
  let needsFloor = false;
  for (let j = 0; j < bins; j++) {
    // Centres sit at melMin + (i + 1) * melStep, so the source frequency's fractional band index is:
    const p = (hzToMel(fb.centres[j] / ratio) - melMin) / melStep - 1;
    if (p <= 0) {
      lo[j] = hi[j] = 0;
    } else if (p >= bins - 1) {
      // Between the last centre and fmax the last band still sees it; beyond fmax nothing was recorded.
      if (p <= bins) lo[j] = hi[j] = bins - 1;
      else {
        lo[j] = -1;
        needsFloor = true;
      }
    } else {
      lo[j] = Math.floor(p);
      hi[j] = lo[j] + 1;
      frac[j] = p - lo[j];
    }
  }

  const floor = needsFloor ? spectrogramMin(logMelDb) : 0;
  const out = createSpectrogram(frames, bins);
  for (let t = 0; t < frames; t++) {
    const row = t * bins;
    for (let j = 0; j < bins; j++) {
      const a = lo[j];
      out.data[row + j] = a < 0 ? floor : data[row + a] + frac[j] * (data[row + hi[j]] - data[row + a]);
    }
  }
  return out;
}
