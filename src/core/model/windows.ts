import { slidingWindows, type Spectrogram } from '../features/index.js';
import { instanceOffsets, writeNormalised, type InputNorm } from './input-norm.js';

/** Window length and hop of the model's input, in frames. */
export interface WindowPlan {
  frames: number;
  hop: number;
}

/**
 * Model inputs for one clip (already floored): fixed-length windows covering the whole clip, normalised,
 * one after another in a [count][frames][bins] block. Training validation, evaluation and prediction
 * (Node and browser) all go through here, so a clip is scored the same way everywhere.
 */
export function clipWindows(
  spec: Spectrogram,
  plan: WindowPlan,
  norm: InputNorm,
): { data: Float32Array; count: number } {
  const offsets = instanceOffsets(spec, norm.instance);
  const windows = slidingWindows(spec, plan.frames, plan.hop);
  const size = plan.frames * spec.bins;
  const data = new Float32Array(windows.length * size);
  windows.forEach((w, i) => writeNormalised(w, offsets, norm, data, i * size));
  return { data, count: windows.length };
}
