import type { PredictionRow } from '../metrics/index.js';
import type { Spectrogram } from '../features/index.js';
import { prepareLogMel } from './input-norm.js';
import type { LoadedModel } from './model-meta.js';
import { argMax, concatWindows, predictWindowSet } from './validation.js';
import { clipWindows, windowPlanOf } from './windows.js';

export interface ScoredClip {
  file: string;
  clipId?: number;
  speaker: string;
  label: string;
}

/**
 * Held-out style predictions of many clips with a saved model: each clip's log-mel, floored and normalised
 * as the model was trained, scored over sliding windows and averaged (the same path as predict.ts).
 * Clips are scored in groups so memory stays bounded on a large corpus.
 */
export async function scoreClips(
  loaded: LoadedModel,
  clips: readonly ScoredClip[],
  logMelOf: (clip: ScoredClip, index: number) => Promise<Spectrogram>,
  onProgress?: (done: number, total: number) => void,
): Promise<PredictionRow[]> {
  const { meta, model } = loaded;
  const rows: PredictionRow[] = [];
  const group = 64;
  for (let start = 0; start < clips.length; start += group) {
    const part = clips.slice(start, start + group);
    const windows = await Promise.all(
      part.map(async (c, i) =>
        clipWindows(prepareLogMel(await logMelOf(c, start + i), meta.norm), windowPlanOf(meta), meta.norm),
      ),
    );
    const probs = predictWindowSet(
      model,
      concatWindows(windows, meta.cropFrames, meta.featureConfig.nMels),
      meta.labels.length,
    );
    part.forEach((c, i) => {
      const p = Array.from(probs[i]);
      const top = argMax(p);
      rows.push({
        file: c.file,
        ...(c.clipId === undefined ? {} : { clipId: c.clipId }),
        speaker: c.speaker,
        label: c.label,
        predicted: meta.labels[top],
        confidence: p[top],
        probs: p,
      });
    });
    onProgress?.(Math.min(start + group, clips.length), clips.length);
  }
  return rows;
}
