import { cropOrPad, slidingWindows, type ShortClipFill, type Spectrogram } from '../features/index.js';
import type { StudioModelMeta } from './model-meta.js';
import { instanceOffsets, writeNormalised, type InputNorm } from './input-norm.js';

/** Window length and hop of the model's input, in frames. */
export interface WindowPlan {
  frames: number;
  hop: number;
  /** How a clip shorter than a window fills it (default 'silence', as models saved before it was a choice). */
  fill?: ShortClipFill;
  /** One window at the clip's centre instead of windows covering it (the original design's evaluation). */
  centre?: boolean;
}

/** The windows a saved model scores clips over. */
export function windowPlanOf(
  meta: Pick<StudioModelMeta, 'cropFrames' | 'windowHopFrames' | 'shortClipFill' | 'evalWindows'>,
): WindowPlan {
  return {
    frames: meta.cropFrames,
    hop: meta.windowHopFrames,
    fill: meta.shortClipFill ?? 'silence',
    ...(meta.evalWindows === 'centre' ? { centre: true } : {}),
  };
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
  const windows =
    plan.centre && spec.frames > plan.frames
      ? [cropOrPad(spec, plan.frames)]
      : slidingWindows(spec, plan.frames, plan.hop, plan.fill);
  const size = plan.frames * spec.bins;
  const data = new Float32Array(windows.length * size);
  windows.forEach((w, i) => writeNormalised(w, offsets, norm, data, i * size));
  return { data, count: windows.length };
}
