// Prediction over windows: a clip's probabilities are the mean of its windows' softmax outputs.
import { bankSpec, type FeatureBank } from '../feature-bank.js';
import type { InputNorm } from '../input-norm.js';
import { tf, type LayersModel, type Tensor } from '../tf.js';
import { clipWindows, type WindowPlan } from '../windows.js';

/** Normalised windows of several clips in one block, and which clip each window belongs to. */
export interface WindowSet {
  x: Float32Array;
  windowClip: Int32Array;
  clips: number;
  frames: number;
  bins: number;
}

export function concatWindows(
  perClip: ReadonlyArray<{ data: Float32Array; count: number }>,
  frames: number,
  bins: number,
): WindowSet {
  const total = perClip.reduce((n, c) => n + c.count, 0);
  const size = frames * bins;
  const x = new Float32Array(total * size);
  const windowClip = new Int32Array(total);
  let at = 0;
  perClip.forEach((c, clip) => {
    x.set(c.data, at * size);
    windowClip.fill(clip, at, at + c.count);
    at += c.count;
  });
  return { x, windowClip, clips: perClip.length, frames, bins };
}

/** Class probabilities of each clip: the mean of its windows' softmax outputs. */
export function predictWindowSet(
  model: LayersModel,
  set: WindowSet,
  classes: number,
  batchSize = 64,
): Float32Array[] {
  const size = set.frames * set.bins;
  const windows = set.windowClip.length;
  const sums = Array.from({ length: set.clips }, () => new Float32Array(classes));
  const counts = new Int32Array(set.clips);
  for (let start = 0; start < windows; start += batchSize) {
    const n = Math.min(batchSize, windows - start);
    const probs = tf.tidy(() => {
      const x = tf.tensor4d(set.x.subarray(start * size, (start + n) * size), [n, set.frames, set.bins, 1]);
      return model.predict(x) as Tensor;
    });
    const p = probs.dataSync();
    probs.dispose();
    for (let i = 0; i < n; i++) {
      const clip = set.windowClip[start + i];
      counts[clip]++;
      for (let c = 0; c < classes; c++) sums[clip][c] += p[i * classes + c];
    }
  }
  return sums.map((s, clip) => s.map((v) => v / Math.max(counts[clip], 1)));
}

/**
 * Class probabilities of bank clips, each averaged over its windows. Windows are made a group of clips at
 * a time, so validating or testing a large corpus never holds all of its windows at once.
 */
export function predictBankClips(
  model: LayersModel,
  bank: FeatureBank,
  clips: readonly number[],
  plan: WindowPlan,
  norm: InputNorm,
  classes: number,
  group = 64,
): Float32Array[] {
  const out: Float32Array[] = [];
  for (let start = 0; start < clips.length; start += group) {
    const windows = clips.slice(start, start + group).map((i) => clipWindows(bankSpec(bank, i), plan, norm));
    out.push(...predictWindowSet(model, concatWindows(windows, plan.frames, bank.bins), classes));
  }
  return out;
}

export function argMax(p: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  return best;
}
