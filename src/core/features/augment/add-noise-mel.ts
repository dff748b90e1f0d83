// Additive white Gaussian noise, simulated directly on a log-mel spectrogram in the power domain.
//
// Signal power: for a locally flat spectrum, band m's mel power is (per-bin power) x (sum of its weights), and the
// unnormalised triangles tile the frequency axis, so a frame's one-sided spectral energy is about
// sum_m S_m / enorm_m (enorm = the Slaney height 2/(f[m+2]-f[m])). By Parseval that energy is
// nFft * sum(window^2) * (mean sample power) / 2, which gives the clip's mean power P.
//
// Noise: white noise of variance s2 gives every FFT bin an exponential power with mean s2*sum(window^2). Band m sums
// those through its weights: mean s2*sum(w^2)*rowSum_m; its variance follows from the window's bin-to-bin
// correlation (for Hann, neighbouring bins correlate with |rho|^2 = 4/9). A Gamma draw with that mean and variance
// gives each (frame, band) the spread real noise has.

import { cachedBy } from '../../util/cached.js';
import type { Rng } from '../../util/random.js';
import { sampleGamma } from '../../util/random.js';
import type { FeatureConfig } from '../config.js';
import { AMIN } from '../log-mel.js';
import { melFilterbank } from '../mel-filterbank.js';
import { createSpectrogram, type Spectrogram } from '../spectrogram.js';
import { hannWindow } from '../window.js';

interface NoiseModel {
  /** Converts sum_m S_m / enorm_m of a frame into that frame's mean sample power. */
  powerScale: Float64Array;
  powerFactor: number;
  /** Per band, for unit-variance white noise: expected mel power, and Gamma shape (mean^2 / variance). */
  unitMean: Float64Array;
  shape: Float64Array;
}

const noiseModel = cachedBy(
  (cfg: FeatureConfig) => [cfg.sampleRate, cfg.nFft, cfg.winLength, cfg.nMels, cfg.fmin, cfg.fmax].join('|'),
  (cfg: FeatureConfig) => buildNoiseModel(cfg),
);

function buildNoiseModel(cfg: FeatureConfig): NoiseModel {
  const fb = melFilterbank(cfg);
  const win = hannWindow(cfg.winLength, cfg.nFft);
  const n = cfg.nFft;
  let sumW2 = 0;
  for (let i = 0; i < n; i++) sumW2 += win[i] * win[i];

  let maxLen = 1;
  for (let m = 0; m < fb.nMels; m++) maxLen = Math.max(maxLen, fb.length[m]);
  // |rho_d|^2: correlation of bin powers d bins apart, from the DFT of window^2.
  const rho2 = new Float64Array(maxLen);
  for (let d = 0; d < maxLen; d++) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      const w2 = win[i] * win[i];
      re += w2 * Math.cos((2 * Math.PI * d * i) / n);
      im -= w2 * Math.sin((2 * Math.PI * d * i) / n);
    }
    rho2[d] = (re * re + im * im) / (sumW2 * sumW2);
  }

  const powerScale = new Float64Array(fb.nMels);
  const unitMean = new Float64Array(fb.nMels);
  const shape = new Float64Array(fb.nMels);
  for (let m = 0; m < fb.nMels; m++) {
    powerScale[m] = (fb.edges[m + 2] - fb.edges[m]) / 2;
    unitMean[m] = sumW2 * fb.rowSum[m];
    let varUnit = 0;
    const o = fb.offset[m];
    const len = fb.length[m];
    for (let a = 0; a < len; a++) {
      for (let b = 0; b < len; b++) varUnit += fb.values[o + a] * fb.values[o + b] * rho2[Math.abs(a - b)];
    }
    varUnit *= sumW2 * sumW2;
    shape[m] = varUnit > 0 ? (unitMean[m] * unitMean[m]) / varUnit : 0;
  }
  return { powerScale, powerFactor: 2 / (n * sumW2), unitMean, shape };
}

/** Mean sample power of the clip behind a log-mel dB spectrogram (the inverse of the analysis, approximately). */
export function estimateMeanPower(logMelDb: Spectrogram, cfg: FeatureConfig): number {
  const { frames, bins, data } = logMelDb;
  if (frames === 0) return 0;
  const model = noiseModel(cfg);
  if (model.powerScale.length !== bins)
    throw new RangeError(`spectrogram has ${bins} bins, config ${cfg.nMels}`);
  let energy = 0;
  for (let t = 0; t < frames; t++) {
    const row = t * bins;
    for (let m = 0; m < bins; m++) energy += Math.pow(10, data[row + m] / 10) * model.powerScale[m];
  }
  return (energy * model.powerFactor) / frames;
}

export function addNoiseMel(logMelDb: Spectrogram, snrDb: number, rng: Rng, cfg: FeatureConfig): Spectrogram {
  const { frames, bins, data } = logMelDb;
  const model = noiseModel(cfg);
  if (model.powerScale.length !== bins)
    throw new RangeError(`spectrogram has ${bins} bins, config ${cfg.nMels}`);
  const noiseVar = estimateMeanPower(logMelDb, cfg) / Math.pow(10, snrDb / 10);
  const out = createSpectrogram(frames, bins);
  for (let t = 0; t < frames; t++) {
    const row = t * bins;
    for (let m = 0; m < bins; m++) {
      const k = model.shape[m];
      const mean = noiseVar * model.unitMean[m];
      const noise = k > 0 && mean > 0 ? (sampleGamma(rng, k) * mean) / k : 0;
      const power = Math.pow(10, data[row + m] / 10) + noise;
      out.data[row + m] = 10 * Math.log10(power > AMIN ? power : AMIN);
    }
  }
  return out;
}
