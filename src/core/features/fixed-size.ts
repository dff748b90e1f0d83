// Fixed-size model inputs: crop or pad in time. Padding defaults to the clip's own minimum, its silence level
// in whatever domain the spectrogram is (dB before normalisation, normalised units after).

import type { Rng } from '../util/random.js';
import { createSpectrogram, spectrogramMin, type Spectrogram } from './spectrogram.js';

/**
 * `frames` frames starting at source frame `start` (default: centred, floor((n - frames)/2)). A negative start or
 * one running past the end pads with `padValue`, so a short clip is centred in the window by default.
 */
export function cropOrPad(spec: Spectrogram, frames: number, start?: number, padValue?: number): Spectrogram {
  if (!Number.isInteger(frames) || frames < 1)
    throw new RangeError(`frames must be a positive integer, got ${frames}`);
  const s = start ?? Math.floor((spec.frames - frames) / 2);
  if (!Number.isInteger(s)) throw new RangeError(`start must be an integer, got ${s}`);
  const { bins } = spec;
  const out = createSpectrogram(frames, bins);
  const from = Math.max(0, s);
  const to = Math.min(spec.frames, s + frames);
  const needsPad = from - s > 0 || to - s < frames;
  if (needsPad) out.data.fill(padValue ?? spectrogramMin(spec));
  if (to > from) out.data.set(spec.data.subarray(from * bins, to * bins), (from - s) * bins);
  return out;
}

/** A random `frames`-long crop of a long clip, or a short clip placed at a random offset in a padded window. */
export function randomCrop(spec: Spectrogram, frames: number, rng: Rng, padValue?: number): Spectrogram {
  const slack = spec.frames - frames;
  // slack >= 0: start in [0, slack]; slack < 0: start in [slack, 0], i.e. the clip lands anywhere inside.
  const start = slack >= 0 ? rng.int(slack + 1) : -rng.int(-slack + 1);
  return cropOrPad(spec, frames, start, padValue);
}

/**
 * Windows of `frames` every `hopFrames`, the last one aligned to the clip's end so every frame is covered.
 * A clip no longer than one window gives one window, padded and centred as cropOrPad does.
 */
export function slidingWindows(spec: Spectrogram, frames: number, hopFrames: number): Spectrogram[] {
  if (!Number.isInteger(hopFrames) || hopFrames < 1) {
    throw new RangeError(`hopFrames must be a positive integer, got ${hopFrames}`);
  }
  if (spec.frames <= frames) return [cropOrPad(spec, frames)];
  const starts: number[] = [];
  for (let s = 0; s + frames <= spec.frames; s += hopFrames) starts.push(s);
  const lastStart = spec.frames - frames;
  if (starts[starts.length - 1] !== lastStart) starts.push(lastStart);
  return starts.map((s) => cropOrPad(spec, frames, s));
}
