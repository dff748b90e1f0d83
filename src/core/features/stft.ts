// Short-time power spectrum, librosa.stft(center=True, pad_mode='constant') then |X|^2. One plan per config holds
// the FFT tables, the window and the scratch buffers, so no frame allocates; JS runs one call at a time, so
// sharing the scratch buffers between calls is safe.

import FFT from 'fft.js';
import { cachedBy } from '../util/cached.js';
import { assertValidFeatureConfig, type FeatureConfig } from './config.js';
import { detCosSinTurns } from './det-math.js';
import { createSpectrogram, type Spectrogram } from './spectrogram.js';
import { hannWindow } from './window.js';

interface StftPlan {
  nFft: number;
  hop: number;
  nBins: number;
  fft: FFT;
  window: Float64Array;
  frame: Float64Array;
  spectrum: Float64Array;
  power: Float64Array;
}

/** fft.js with its twiddle table recomputed by det-math, so the spectrum has the same bits in every engine. */
function createFft(size: number): FFT {
  const fft = new FFT(size);
  const table = fft.table as number[];
  for (let i = 0; i < size; i++) {
    const [c, s] = detCosSinTurns(i, size);
    table[2 * i] = c;
    table[2 * i + 1] = -s;
  }
  return fft;
}

const stftPlan = cachedBy(
  (cfg: FeatureConfig) => `${cfg.nFft}|${cfg.winLength}|${cfg.hopLength}`,
  (cfg: FeatureConfig): StftPlan => {
    assertValidFeatureConfig(cfg);
    return {
      nFft: cfg.nFft,
      hop: cfg.hopLength,
      nBins: cfg.nFft / 2 + 1,
      fft: createFft(cfg.nFft),
      window: hannWindow(cfg.winLength, cfg.nFft),
      frame: new Float64Array(cfg.nFft),
      spectrum: new Float64Array(2 * cfg.nFft),
      power: new Float64Array(cfg.nFft / 2 + 1),
    };
  },
);

/** Frames librosa gives with center=True: the signal is padded by nFft/2 on both sides. */
export function stftFrameCount(nSamples: number, cfg: FeatureConfig): number {
  return 1 + Math.floor(nSamples / cfg.hopLength);
}

/**
 * Calls `visit` with each frame's power spectrum (nFft/2+1 values). The array is reused: read it inside `visit`
 * and do not keep it.
 */
export function forEachPowerFrame(
  samples: Float32Array,
  cfg: FeatureConfig,
  visit: (power: Float64Array, frameIndex: number) => void,
): number {
  const plan = stftPlan(cfg);
  const { nFft, hop, nBins, fft, window, frame, spectrum, power } = plan;
  const half = nFft / 2;
  const n = samples.length;
  const frames = stftFrameCount(n, cfg);
  for (let t = 0; t < frames; t++) {
    // Frame t covers samples [t*hop - half, t*hop - half + nFft); outside the clip is the zero padding.
    const origin = t * hop - half;
    const lo = Math.max(0, -origin);
    const hi = Math.min(nFft, n - origin);
    if (lo > 0 || hi < nFft) frame.fill(0);
    for (let k = lo; k < hi; k++) frame[k] = samples[origin + k] * window[k];
    fft.realTransform(spectrum, frame);
    for (let b = 0; b < nBins; b++) {
      const re = spectrum[2 * b];
      const im = spectrum[2 * b + 1];
      power[b] = re * re + im * im;
    }
    visit(power, t);
  }
  return frames;
}

/** |STFT|^2 as [frames][nFft/2+1]. */
export function powerSpectrogram(samples: Float32Array, cfg: FeatureConfig): Spectrogram {
  const nBins = cfg.nFft / 2 + 1;
  const out = createSpectrogram(stftFrameCount(samples.length, cfg), nBins);
  forEachPowerFrame(samples, cfg, (power, t) => {
    const row = t * nBins;
    for (let b = 0; b < nBins; b++) out.data[row + b] = power[b];
  });
  return out;
}
