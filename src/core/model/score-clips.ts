import type { PredictionRow } from '../metrics/index.js';
import type { Spectrogram } from '../features/index.js';
import { prepareLogMel } from './input-norm.js';
import type { LoadedModel } from './model-meta.js';
import { scorePrepared, speakerContextOf, type SpeakerContext } from './recipe/recipe-scoring.js';
import { UNKNOWN_SPEAKER } from './refusals.js';
import { groupIndices } from '../util/group-by.js';
import type { FixedRecipe } from './recipe/side-predictions.js';
import { argMax } from './validation.js';

export interface ScoredClip {
  file: string;
  clipId?: number;
  speaker: string;
  label: string;
}

/**
 * Held-out style predictions of many clips with a saved model: each clip's log-mel, floored and normalised
 * as the model was trained, scored under the model's recipe (the same path as predict.ts). A model that
 * standardises per speaker measures each speaker over all of their clips and scores them, one speaker's
 * log-mels in memory at a time; predictions come back in `clips` order.
 */
export async function scoreClips(
  loaded: LoadedModel,
  clips: readonly ScoredClip[],
  logMelOf: (clip: ScoredClip, index: number) => Promise<Spectrogram>,
  onProgress?: (done: number, total: number) => void,
): Promise<ScoredClips> {
  const { meta } = loaded;
  const rows = new Array<PredictionRow>(clips.length);
  const parts: Partial<Record<FixedRecipe, PredictionRow[]>> = {};
  const row = (c: ScoredClip, p: number[]): PredictionRow => {
    const top = argMax(p);
    return {
      file: c.file,
      ...(c.clipId === undefined ? {} : { clipId: c.clipId }),
      speaker: c.speaker,
      label: c.label,
      predicted: meta.labels[top],
      confidence: p[top],
      probs: p,
    };
  };
  let done = 0;
  const score = (i: number, prepared: Spectrogram, context: SpeakerContext | null): void => {
    const s = scorePrepared(loaded, prepared, context);
    rows[i] = row(clips[i], s.probs);
    for (const [k, p] of Object.entries(s.parts) as Array<[FixedRecipe, number[]]>)
      (parts[k] ??= new Array<PredictionRow>(clips.length))[i] = row(clips[i], p);
    done++;
    if (done % 64 === 0 || done === clips.length) onProgress?.(done, clips.length);
  };
  const prepare = async (i: number) => prepareLogMel(await logMelOf(clips[i], i), meta.norm);
  const perSpeaker = meta.recipe?.speakerNorm === true;
  const groups = perSpeaker
    ? groupIndices(clips.length, (i) => clips[i].speaker)
    : new Map([['', clips.map((_, i) => i)]]);
  for (const [speaker, idx] of groups) {
    // Clips of no known speaker share nothing: each is measured against the training population.
    if (!perSpeaker || speaker === UNKNOWN_SPEAKER) {
      for (const i of idx) score(i, await prepare(i), null);
      continue;
    }
    // Each log-mel is read once: the speaker's clips are measured, then scored, then let go.
    const prepared: Spectrogram[] = [];
    for (const i of idx) prepared.push(await prepare(i));
    const context = speakerContextOf(meta.recipe, prepared);
    idx.forEach((i, k) => score(i, prepared[k], context));
  }
  return { rows, parts };
}

export interface ScoredClips {
  /** Under the model's recipe. */
  rows: PredictionRow[];
  /** The same clips scored by each part the model has (CNN, classic baseline, fusion), for comparison. */
  parts: Partial<Record<FixedRecipe, PredictionRow[]>>;
}
