import { frameCentres, windowAt } from './frames.js';

export interface EnergyOptions {
  /** Seconds between frames. */
  hopS: number;
  /** Analysis window in seconds (25 ms, as speech tools use). */
  windowS: number;
  /** The floor, in dB: digital silence reads as this rather than -Infinity. */
  floorDb: number;
}

export const DEFAULT_ENERGY: EnergyOptions = { hopS: 0.01, windowS: 0.025, floorDb: -100 };

export interface EnergyContour {
  /** Frame centres in seconds. */
  times: Float64Array;
  /** RMS level per frame in dB relative to full scale (a full-scale square wave is 0 dB, a sine -3 dB). */
  db: Float32Array;
}

/** Frame RMS level in dBFS, the "intensity" tier of Praat without its Kaiser window: plain and exact. */
export function energyContour(
  samples: Float32Array,
  sampleRate: number,
  options: Partial<EnergyOptions> = {},
): EnergyContour {
  const o = { ...DEFAULT_ENERGY, ...options };
  const times = frameCentres(samples.length, sampleRate, o.hopS);
  const length = Math.max(1, Math.round(o.windowS * sampleRate));
  const db = new Float32Array(times.length);
  for (let i = 0; i < times.length; i++) {
    const { start, end } = windowAt(times[i], sampleRate, length, samples.length);
    db[i] = rmsDb(samples, start, end, o.floorDb);
  }
  return { times, db };
}

/** RMS of samples[start, end) in dBFS, never below `floorDb`. */
export function rmsDb(samples: Float32Array, start: number, end: number, floorDb: number): number {
  let sum = 0;
  for (let j = start; j < end; j++) sum += samples[j] * samples[j];
  const meanSquare = end > start ? sum / (end - start) : 0;
  if (meanSquare <= 0) return floorDb;
  return Math.max(floorDb, 10 * Math.log10(meanSquare));
}
