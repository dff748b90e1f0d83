import { PitchDetector } from 'pitchy';
import { rmsDb } from './energy.js';
import { frameCentres, windowAt } from './frames.js';

export interface PitchOptions {
  /** Seconds between frames. */
  hopS: number;
  /** Lowest and highest F0 reported; a detection outside the range is taken as unvoiced. */
  minHz: number;
  maxHz: number;
  /**
   * MPM clarity (the normalised autocorrelation's peak) at or above which a frame is voiced. A pure tone
   * reads 1, sustained vowels 0.7-1 and their onsets lower; 0.5 keeps those (Praat voices at 0.45).
   * Noise rarely reaches it, and what does is caught by the level, run-length and octave-jump checks.
   */
  clarity: number;
  /**
   * A weaker clarity that voices a frame only next to a voiced one with a pitch within `glide` of it:
   * hysteresis, so a glide or a vowel's edge continues its run instead of breaking it.
   */
  weakClarity: number;
  /** The largest ratio between the F0 of neighbouring frames that still continues a run. */
  glide: number;
  /** A frame quieter than this many dB below the clip's loudest frame is unvoiced (breath, room tone). */
  silenceDb: number;
  /** Voiced runs shorter than this many frames are dropped: isolated blips are detector noise, not pitch. */
  minRun: number;
  /** Analysis window in periods of `minHz`. */
  periods: number;
}

// 60-600 Hz spans low male to high child voices (Praat draws 75-500 by default).
export const DEFAULT_PITCH: PitchOptions = {
  hopS: 0.01,
  minHz: 60,
  maxHz: 600,
  clarity: 0.5,
  weakClarity: 0.3,
  glide: 1.12,
  silenceDb: 30,
  minRun: 3,
  periods: 3,
};

export interface PitchContour {
  /** Frame centres in seconds. */
  times: Float64Array;
  /** F0 in Hz per frame; NaN where the frame is unvoiced (nothing is drawn there). */
  hz: Float32Array;
  /** MPM clarity per frame, 0..1 (0 for frames too quiet to analyse). */
  clarity: Float32Array;
}

/**
 * F0 contour by the McLeod pitch method (pitchy) on windows of three periods of the lowest F0, as Praat sizes
 * its autocorrelation windows, with a voiced/unvoiced decision from clarity (with hysteresis), level, octave jumps and run length.
 */
export function pitchContour(
  samples: Float32Array,
  sampleRate: number,
  options: Partial<PitchOptions> = {},
): PitchContour {
  const o = { ...DEFAULT_PITCH, ...options };
  const times = frameCentres(samples.length, sampleRate, o.hopS);
  const hz = new Float32Array(times.length).fill(Number.NaN);
  const clarity = new Float32Array(times.length);
  const length = Math.max(32, Math.ceil((o.periods * sampleRate) / o.minHz));
  if (samples.length < length) return { times, hz, clarity };

  const detector = PitchDetector.forFloat32Array(length);
  // pitchy's own volume gate is absolute; ours is relative to the clip, applied below
  detector.minVolumeAbsolute = 0;
  const frame = new Float32Array(length);
  const levels = new Float32Array(times.length);
  const weak = new Float32Array(times.length).fill(Number.NaN);
  let loudest = -Infinity;
  for (let i = 0; i < times.length; i++) {
    const { start, end } = windowAt(times[i], sampleRate, length, samples.length);
    // edge frames are shorter than the window: shift them inside so every analysis sees a full window
    const from = end - start < length ? Math.max(0, Math.min(start, samples.length - length)) : start;
    frame.set(samples.subarray(from, from + length));
    levels[i] = rmsDb(frame, 0, length, -120);
    loudest = Math.max(loudest, levels[i]);
    if (levels[i] <= -120) continue;
    const [f0, c] = detector.findPitch(frame, sampleRate);
    clarity[i] = c;
    if (f0 < o.minHz || f0 > o.maxHz) continue;
    if (c >= o.clarity) hz[i] = f0;
    else if (c >= o.weakClarity) weak[i] = f0;
  }
  for (let i = 0; i < times.length; i++) {
    if (levels[i] < loudest - o.silenceDb) hz[i] = weak[i] = Number.NaN;
  }
  dropOctaveJumps(hz);
  extendRuns(hz, weak, o.glide);
  dropShortRuns(hz, o.minRun);
  return { times, hz, clarity };
}

/**
 * Voices the weak candidates that continue a voiced run (pitch within `glide` of the neighbour it joins),
 * forwards then backwards, in place.
 */
export function extendRuns(hz: Float32Array, weak: Float32Array, glide: number): void {
  const joins = (a: number, b: number): boolean =>
    !Number.isNaN(a) && !Number.isNaN(b) && a / b < glide && b / a < glide;
  for (let i = 1; i < hz.length; i++) {
    if (Number.isNaN(hz[i]) && joins(weak[i], hz[i - 1])) hz[i] = weak[i];
  }
  for (let i = hz.length - 2; i >= 0; i--) {
    if (Number.isNaN(hz[i]) && joins(weak[i], hz[i + 1])) hz[i] = weak[i];
  }
}

/** Sets voiced runs shorter than `minRun` frames to NaN, in place. */
export function dropShortRuns(hz: Float32Array, minRun: number): void {
  let runStart = -1;
  for (let i = 0; i <= hz.length; i++) {
    const voiced = i < hz.length && !Number.isNaN(hz[i]);
    if (voiced && runStart < 0) runStart = i;
    if (!voiced && runStart >= 0) {
      if (i - runStart < minRun) hz.fill(Number.NaN, runStart, i);
      runStart = -1;
    }
  }
}

/**
 * Drops frames an octave-ish away from their voiced neighbours (within 3 frames each side), in place: MPM's
 * occasional halving or doubling on a weak period draws as a spike; a contour with a gap reads truer.
 */
export function dropOctaveJumps(hz: Float32Array, reach = 3, ratio = 1.6): void {
  const src = Float32Array.from(hz);
  const near: number[] = [];
  for (let i = 0; i < src.length; i++) {
    if (Number.isNaN(src[i])) continue;
    near.length = 0;
    for (let j = Math.max(0, i - reach); j <= Math.min(src.length - 1, i + reach); j++) {
      if (!Number.isNaN(src[j])) near.push(src[j]);
    }
    near.sort((a, b) => a - b);
    const median = near[near.length >> 1];
    if (src[i] > median * ratio || src[i] < median / ratio) hz[i] = Number.NaN;
  }
}

/** Median F0 over the voiced frames, or null when none is voiced. */
export function medianVoicedHz(hz: Float32Array): number | null {
  const voiced = Array.from(hz).filter((v) => !Number.isNaN(v));
  if (voiced.length === 0) return null;
  voiced.sort((a, b) => a - b);
  const mid = voiced.length >> 1;
  return voiced.length % 2 ? voiced[mid] : (voiced[mid - 1] + voiced[mid]) / 2;
}

/** Share of frames that are voiced. */
export function voicedShare(hz: Float32Array): number {
  if (hz.length === 0) return 0;
  let n = 0;
  for (const v of hz) if (!Number.isNaN(v)) n++;
  return n / hz.length;
}
