// Fixed-size model inputs: crop or fill in time. A clip shorter than the window is either padded with its own
// minimum (its silence level, in whatever domain the spectrogram is: dB before normalisation, normalised units
// after) or looped, so that the window holds only speech and statistics over it are the clip's own.

import type { Rng } from '../util/random.js';
import { createSpectrogram, spectrogramMin, type Spectrogram } from './spectrogram.js';

/** What fills the part of a window a short clip does not cover: silence, or the clip again from its start. */
export type ShortClipFill = 'silence' | 'repeat';

/**
 * `frames` frames starting at source frame `start` (default: centred, floor((n - frames)/2)). Frames before the
 * clip or past its end are `padValue` with 'silence' fill (so a short clip is centred in the window by default),
 * or the clip's own frames taken cyclically with 'repeat' fill.
 */
export function cropOrPad(
  spec: Spectrogram,
  frames: number,
  start?: number,
  padValue?: number,
  fill: ShortClipFill = 'silence',
): Spectrogram {
  if (!Number.isInteger(frames) || frames < 1)
    throw new RangeError(`frames must be a positive integer, got ${frames}`);
  const s = start ?? Math.floor((spec.frames - frames) / 2);
  if (!Number.isInteger(s)) throw new RangeError(`start must be an integer, got ${s}`);
  const { bins } = spec;
  const out = createSpectrogram(frames, bins);
  const from = Math.max(0, s);
  const to = Math.min(spec.frames, s + frames);
  const needsPad = from - s > 0 || to - s < frames;
  if (needsPad && fill === 'repeat' && spec.frames > 0) {
    for (let i = 0; i < frames; i++) {
      const src = (((s + i) % spec.frames) + spec.frames) % spec.frames;
      out.data.set(spec.data.subarray(src * bins, (src + 1) * bins), i * bins);
    }
    return out;
  }
  if (needsPad) out.data.fill(padValue ?? spectrogramMin(spec));
  if (to > from) out.data.set(spec.data.subarray(from * bins, to * bins), (from - s) * bins);
  return out;
}

/**
 * A random `frames`-long crop of a long clip. A short clip is placed at a random offset in a padded window
 * ('silence'), or looped from a random frame of it ('repeat').
 */
export function randomCrop(
  spec: Spectrogram,
  frames: number,
  rng: Rng,
  padValue?: number,
  fill: ShortClipFill = 'silence',
): Spectrogram {
  const slack = spec.frames - frames;
  if (slack < 0 && fill === 'repeat') return cropOrPad(spec, frames, rng.int(spec.frames), padValue, fill);
  // slack >= 0: start in [0, slack]; slack < 0: start in [slack, 0], i.e. the clip lands anywhere inside.
  const start = slack >= 0 ? rng.int(slack + 1) : -rng.int(-slack + 1);
  return cropOrPad(spec, frames, start, padValue, fill);
}

/**
 * Windows of `frames` every `hopFrames`, the last one aligned to the clip's end so every frame is covered.
 * A clip no longer than one window gives one window: padded and centred, or looped from its first frame.
 */
export function slidingWindows(
  spec: Spectrogram,
  frames: number,
  hopFrames: number,
  fill: ShortClipFill = 'silence',
): Spectrogram[] {
  if (!Number.isInteger(hopFrames) || hopFrames < 1) {
    throw new RangeError(`hopFrames must be a positive integer, got ${hopFrames}`);
  }
  if (spec.frames <= frames)
    return [fill === 'repeat' ? cropOrPad(spec, frames, 0, undefined, fill) : cropOrPad(spec, frames)];
  const starts: number[] = [];
  for (let s = 0; s + frames <= spec.frames; s += hopFrames) starts.push(s);
  const lastStart = spec.frames - frames;
  if (starts[starts.length - 1] !== lastStart) starts.push(lastStart);
  return starts.map((s) => cropOrPad(spec, frames, s));
}
