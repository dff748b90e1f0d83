import { LEVEL_FRAME_S } from './levels.js';

/** A stretch of a recording, in seconds. */
export interface TimeSpan {
  start: number;
  end: number;
}

export interface DetectorOptions {
  /** Pauses shorter than this stay inside an utterance (s). */
  minSilenceS: number;
  /** Sounds shorter than this are not utterances (a click, a cough's onset) (s). */
  minSpeechS: number;
  /** Longer utterances are cut at their quietest moment (s). */
  maxSegmentS: number;
  /** Kept before and after the detected speech, so onsets and decays are not cut (s). */
  padS: number;
  /** A frame this far above the local noise floor starts speech (dB) ... */
  onsetDb: number;
  /** ... and speech goes on while frames stay this far above it (dB): the hysteresis. */
  offsetDb: number;
}

export const DEFAULT_DETECTOR: DetectorOptions = {
  minSilenceS: 0.5,
  minSpeechS: 0.25,
  maxSegmentS: 10,
  padS: 0.05,
  onsetDb: 12,
  offsetDb: 6,
};

/** Speech never starts quieter than this (dBFS of a 10 ms frame), whatever the floor: digital silence is not a room. */
const ABSOLUTE_MIN_DB = -65;
/** A frame this quiet is digital silence (an edited or gated recording), not a room. */
const DIGITAL_SILENCE_DB = -100;
/** The floor is measured in blocks of this many frames (1 s) ... */
const BLOCK = 100;
/** ... over this many blocks either side (15 s), so it follows a room that changes but not the speech. */
const FLOOR_REACH = 15;
/** A piece cut off a long utterance is at least this long (s). */
const MIN_PIECE_S = 1;

function quantile(values: Float32Array | number[], q: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return -Infinity;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
}

/**
 * The noise floor under each block of frames: the quiet end of each second (its 10th percentile), then the
 * quiet end of those within 15 s on each side (their 10th percentile), so a long run of speech never lifts the
 * floor while a room that changes moves it within a second.
 */
export function noiseFloor(levels: Float32Array): Float32Array {
  const blocks = Math.ceil(levels.length / BLOCK);
  const quiet = new Float32Array(blocks);
  for (let b = 0; b < blocks; b++) quiet[b] = quantile(levels.subarray(b * BLOCK, (b + 1) * BLOCK), 0.1);
  const floor = new Float32Array(blocks);
  for (let b = 0; b < blocks; b++) {
    // Each side on its own, the higher taken: a room that just got louder is not judged by its quiet past.
    const before = quantile(quiet.subarray(Math.max(0, b - FLOOR_REACH), b + 1), 0.1);
    const after = quantile(quiet.subarray(b, b + FLOOR_REACH + 1), 0.1);
    // ... but never above the block's own quiet moments: the second before a room gets louder is still quiet.
    floor[b] = Math.min(quiet[b], Math.max(before, after));
  }
  return floor;
}

/**
 * Utterances of a recording from its frame levels (LevelMeter): an energy detector with hysteresis against a
 * floor that follows the room, minimum speech and silence durations, padding, and a maximum length. Sorted,
 * never overlapping, within [0, levels.length * 10 ms].
 */
export function detectSpeech(levels: Float32Array, opts: Partial<DetectorOptions> = {}): TimeSpan[] {
  const o = { ...DEFAULT_DETECTOR, ...opts };
  const n = levels.length;
  const floor = noiseFloor(levels);
  // Speech must start above the absolute minimum (hiss over digital silence is no voice), but once started it
  // goes on down to its own floor: over digital silence every sound around an utterance belongs to it.
  const on = (t: number) =>
    Math.max(floor[Math.floor(t / BLOCK)] + o.onsetDb, ABSOLUTE_MIN_DB + o.onsetDb - o.offsetDb);
  const off = (t: number) => floor[Math.floor(t / BLOCK)] + o.offsetDb;

  // Runs of frames above the offset threshold that reach the onset threshold somewhere.
  const runs: Array<[number, number]> = [];
  let t = 0;
  while (t < n) {
    if (levels[t] < on(t)) {
      t++;
      continue;
    }
    let start = t;
    while (start > 0 && levels[start - 1] >= off(start - 1)) start--;
    if (runs.length > 0 && start < runs[runs.length - 1][1]) start = runs[runs.length - 1][1];
    let end = t + 1;
    while (end < n && levels[end] >= off(end)) end++;
    runs.push([start, end]);
    t = end;
  }

  const frames = (s: number) => Math.round(s / LEVEL_FRAME_S);
  const merged: Array<[number, number]> = [];
  for (const r of runs) {
    const last = merged[merged.length - 1];
    if (last && r[0] - last[1] < frames(o.minSilenceS)) last[1] = r[1];
    else merged.push([r[0], r[1]]);
  }
  const speech = merged.filter(([a, b]) => b - a >= frames(o.minSpeechS));

  const pad = frames(o.padS);
  const padded = speech.map(([a, b], i): [number, number] => {
    const prevEnd = i > 0 ? speech[i - 1][1] : 0;
    const nextStart = i + 1 < speech.length ? speech[i + 1][0] : n;
    let start = Math.max(a - pad, Math.ceil((prevEnd + a) / 2), 0);
    let end = Math.min(b + pad, Math.floor((b + nextStart) / 2), n);
    // padding keeps a soft onset or decay the levels missed; digital silence is neither
    while (start < a && levels[start] <= DIGITAL_SILENCE_DB) start++;
    while (end > b && levels[end - 1] <= DIGITAL_SILENCE_DB) end--;
    return [start, end];
  });

  const out: TimeSpan[] = [];
  for (const [a, b] of padded)
    for (const [x, y] of splitLong(levels, a, b, frames(o.maxSegmentS), frames(MIN_PIECE_S)))
      out.push({ start: round3(x * LEVEL_FRAME_S), end: round3(y * LEVEL_FRAME_S) });
  return out;
}

/** Cuts [a, b) at the quietest 100 ms of its middle half until no piece is longer than `max` frames. */
function splitLong(
  levels: Float32Array,
  a: number,
  b: number,
  max: number,
  minPiece: number,
): Array<[number, number]> {
  if (b - a <= max || max <= 0) return [[a, b]];
  // in the middle half: pieces stay balanced however flat the levels are
  const quarter = Math.max(minPiece, Math.floor((b - a) / 4));
  const lo = a + Math.min(quarter, Math.floor((b - a) / 2));
  const hi = b - Math.min(quarter, Math.floor((b - a) / 2));
  let cut = Math.floor((a + b) / 2);
  let quietest = Infinity;
  const w = 10;
  for (let t = lo; t < hi; t++) {
    let sum = 0;
    for (let k = Math.max(a, t - w / 2); k < Math.min(b, t + w / 2); k++) sum += levels[k];
    if (sum < quietest) {
      quietest = sum;
      cut = t;
    }
  }
  return [...splitLong(levels, a, cut, max, minPiece), ...splitLong(levels, cut, b, max, minPiece)];
}

/** Boundaries are kept to the millisecond: what every interchange format round-trips. */
export function round3(s: number): number {
  return Math.round(s * 1000) / 1000;
}
