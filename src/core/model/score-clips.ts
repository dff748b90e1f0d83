import type { PredictionRow } from '../metrics/index.js';
import type { Spectrogram } from '../features/index.js';
import { prepareLogMel } from './input-norm.js';
import type { LoadedModel } from './model-meta.js';
import { scorePrepared, speakerContextOf, type SpeakerContext } from './recipe/recipe-scoring.js';
import { UNKNOWN_SPEAKER } from './refusals.js';
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
 * standardises per speaker first measures each speaker over all of their clips here (a first pass, one
 * speaker's log-mels in memory at a time).
 */
export async function scoreClips(
  loaded: LoadedModel,
  clips: readonly ScoredClip[],
  logMelOf: (clip: ScoredClip, index: number) => Promise<Spectrogram>,
  onProgress?: (done: number, total: number) => void,
): Promise<ScoredClips> {
  const { meta } = loaded;
  const contexts = new Map<string, SpeakerContext | null>();
  if (meta.recipe?.speakerNorm) {
    const bySpeaker = new Map<string, number[]>();
    clips.forEach((c, i) => bySpeaker.set(c.speaker, [...(bySpeaker.get(c.speaker) ?? []), i]));
    for (const [speaker, idx] of bySpeaker) {
      // Clips of no known speaker share nothing: each is measured against the training population.
      if (speaker === UNKNOWN_SPEAKER) continue;
      const prepared: Spectrogram[] = [];
      for (const i of idx) prepared.push(prepareLogMel(await logMelOf(clips[i], i), meta.norm));
      contexts.set(speaker, speakerContextOf(meta.recipe, prepared));
    }
  }
  const rows: PredictionRow[] = [];
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
  for (const [i, c] of clips.entries()) {
    const prepared = prepareLogMel(await logMelOf(c, i), meta.norm);
    const score = scorePrepared(loaded, prepared, contexts.get(c.speaker) ?? null);
    rows.push(row(c, score.probs));
    for (const [k, p] of Object.entries(score.parts) as Array<[FixedRecipe, number[]]>)
      (parts[k] ??= []).push(row(c, p));
    if ((i + 1) % 64 === 0 || i + 1 === clips.length) onProgress?.(i + 1, clips.length);
  }
  return { rows, parts };
}

export interface ScoredClips {
  /** Under the model's recipe. */
  rows: PredictionRow[];
  /** The same clips scored by each part the model has (CNN, classic baseline, fusion), for comparison. */
  parts: Partial<Record<FixedRecipe, PredictionRow[]>>;
}
