// Log-mel spectrogram in dB, librosa.power_to_db(melspectrogram(...), ref=1.0, amin=1e-10, top_db=None|topDb).

import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from './config.js';
import { detLog10 } from './det-math.js';
import { melFilterbank } from './mel-filterbank.js';
import { createSpectrogram, type Spectrogram } from './spectrogram.js';
import { forEachPowerFrame, stftFrameCount } from './stft.js';

export const AMIN = 1e-10;

export interface LogMelOptions {
  /** librosa's top_db: values below (max - topDb) are raised to it. Off unless given. */
  topDb?: number;
}

/** Mel power spectrogram [frames][nMels] (linear power, before dB). */
export function melPowerSpectrogram(
  samples: Float32Array,
  cfg: FeatureConfig = DEFAULT_FEATURE_CONFIG,
): Spectrogram {
  const fb = melFilterbank(cfg);
  const { nMels, start, length, offset, values } = fb;
  const out = createSpectrogram(stftFrameCount(samples.length, cfg), nMels);
  const data = out.data;
  forEachPowerFrame(samples, cfg, (power, t) => {
    const row = t * nMels;
    for (let m = 0; m < nMels; m++) {
      let acc = 0;
      const s = start[m];
      const o = offset[m] - s;
      const end = s + length[m];
      for (let b = s; b < end; b++) acc += values[o + b] * power[b];
      data[row + m] = acc;
    }
  });
  return out;
}

export function powerToDbInPlace(spec: Spectrogram, topDb?: number): Spectrogram {
  const d = spec.data;
  let max = -Infinity;
  for (let i = 0; i < d.length; i++) {
    const v = 10 * detLog10(d[i] > AMIN ? d[i] : AMIN);
    d[i] = v;
    if (v > max) max = v;
  }
  if (topDb !== undefined) applyTopDbInPlace(spec, topDb, max);
  return spec;
}

export function applyTopDbInPlace(spec: Spectrogram, topDb: number, max?: number): Spectrogram {
  if (!(topDb >= 0)) throw new RangeError(`topDb must be >= 0, got ${topDb}`);
  const d = spec.data;
  let m = max ?? -Infinity;
  if (max === undefined) for (let i = 0; i < d.length; i++) if (d[i] > m) m = d[i];
  const floor = m - topDb;
  for (let i = 0; i < d.length; i++) if (d[i] < floor) d[i] = floor;
  return spec;
}

/** 16 kHz mono samples -> log-mel dB [frames][nMels]. */
export function logMelSpectrogram(
  samples: Float32Array,
  cfg: FeatureConfig = DEFAULT_FEATURE_CONFIG,
  opts: LogMelOptions = {},
): Spectrogram {
  return powerToDbInPlace(melPowerSpectrogram(samples, cfg), opts.topDb);
}
