// Time stretch on a spectrogram: resample the time axis by linear interpolation. rate > 1 speeds up (fewer frames),
// as librosa.effects.time_stretch's rate does; pitch is untouched because frequency bins are not moved.

import { createSpectrogram, type Spectrogram } from '../spectrogram.js';

export function timeStretchMel(logMelDb: Spectrogram, rate: number): Spectrogram {
  if (!(rate > 0) || !Number.isFinite(rate))
    throw new RangeError(`rate must be a positive number, got ${rate}`);
  const { frames, bins, data } = logMelDb;
  if (frames === 0) return createSpectrogram(0, bins);
  const outFrames = Math.max(1, Math.round(frames / rate));
  const out = createSpectrogram(outFrames, bins);
  for (let t = 0; t < outFrames; t++) {
    const pos = Math.min(t * rate, frames - 1);
    const i0 = Math.floor(pos);
    const i1 = Math.min(i0 + 1, frames - 1);
    const f = pos - i0;
    const r0 = i0 * bins;
    const r1 = i1 * bins;
    const dst = t * bins;
    for (let b = 0; b < bins; b++) out.data[dst + b] = data[r0 + b] + f * (data[r1 + b] - data[r0 + b]);
  }
  return out;
}
