import type { PredictionRow } from '../../metrics/index.js';
import type { Spectrogram } from '../../features/index.js';
import { groupIndices } from '../../util/group-by.js';
import type { VoiceStats } from '../../voice/index.js';
import { prepareLogMel } from '../input-norm.js';
import type { LoadedModel } from '../model-meta.js';
import { scorePrepared, usesVoices, voiceOfPrepared } from '../recipe/recipe-scoring.js';
import { UNKNOWN_SPEAKER } from '../../dataset/conventions.js';
import type { FixedRecipe } from '../recipe/side-predictions.js';
import { argMax } from './window-predictions.js';

export interface ScoredClip {
  file: string;
  clipId?: number;
  speaker: string;
  label: string;
}

/** The same clips scored one way: under the model's recipe, and by each of its parts. */
export interface ScoredWay {
  rows: PredictionRow[];
  parts: Partial<Record<FixedRecipe, PredictionRow[]>>;
}

export interface ScoredClips {
  /** Each clip alone: a new voice (what Predict gives a voice it does not know). */
  newVoice: ScoredWay;
  /**
   * Each clip with its speaker known from all of their clips here; a clip of no known speaker stays a new
   * voice. The same as newVoice for a model that uses no voice statistics.
   */
  knownVoice: ScoredWay;
}

/**
 * Held-out style predictions of many clips with a saved model: each clip's log-mel, floored and normalised
 * as the model was trained, scored under the model's recipe (the same path as predict.ts), as a new voice and
 * as a known one. One speaker's log-mels are in memory at a time; predictions come back in `clips` order.
 */
export async function scoreClips(
  loaded: LoadedModel,
  clips: readonly ScoredClip[],
  logMelOf: (clip: ScoredClip, index: number) => Promise<Spectrogram>,
  onProgress?: (done: number, total: number) => void,
): Promise<ScoredClips> {
  const { meta } = loaded;
  const adapts = usesVoices(meta.recipe);
  const way = (): ScoredWay => ({ rows: new Array<PredictionRow>(clips.length), parts: {} });
  const fresh = way();
  const known = adapts ? way() : fresh;
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
  const record = (into: ScoredWay, i: number, prepared: Spectrogram, voice: VoiceStats | null): void => {
    const s = scorePrepared(loaded, prepared, voice);
    into.rows[i] = row(clips[i], s.probs);
    for (const [k, p] of Object.entries(s.parts) as Array<[FixedRecipe, number[]]>)
      (into.parts[k] ??= new Array<PredictionRow>(clips.length))[i] = row(clips[i], p);
  };
  let done = 0;
  const frameSeconds = meta.featureConfig.hopLength / meta.featureConfig.sampleRate;
  const prepare = async (i: number) => prepareLogMel(await logMelOf(clips[i], i), meta.norm);
  const groups = groupIndices(clips.length, (i) => clips[i].speaker);
  for (const [speaker, idx] of groups) {
    // Each log-mel is read once: the speaker's clips are measured, then scored both ways, then let go.
    const prepared: Spectrogram[] = [];
    for (const i of idx) prepared.push(await prepare(i));
    // Clips of no known speaker share nothing, and a speaker's one clip is no more than itself: a new voice.
    const voice =
      adapts && speaker !== UNKNOWN_SPEAKER && prepared.length > 1
        ? voiceOfPrepared(prepared, frameSeconds)
        : null;
    idx.forEach((i, k) => {
      record(fresh, i, prepared[k], null);
      if (known !== fresh) record(known, i, prepared[k], voice);
      done++;
      if (done % 64 === 0 || done === clips.length) onProgress?.(done, clips.length);
    });
  }
  return { newVoice: fresh, knownVoice: known };
}
