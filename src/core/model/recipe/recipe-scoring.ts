// Browser-safe: how a saved model scores a clip under its recipe (the CNN, the classic baseline or their
// average), given what it knows of the clip's voice.
import { classicScore, clipStatistics } from '../../classic/index.js';
import type { Spectrogram } from '../../features/index.js';
import { addToVoice, emptyVoice, type VoiceStats } from '../../voice/index.js';
import { instanceOffsets, writeNormalised } from '../input-norm.js';
import type { LoadedModel, ModelRecipe } from '../model-meta.js';
import { concatWindows, predictWindowSet } from '../inference/window-predictions.js';
import { clipWindows, windowPlanOf } from '../windows.js';
import { fuseProbs } from './fuse.js';
import type { FixedRecipe } from './side-predictions.js';

/** One clip's probabilities under the model's recipe, and each part's own, for side-by-side scores. */
export interface RecipeScore {
  probs: number[];
  windows: number;
  parts: Partial<Record<FixedRecipe, number[]>>;
  /** The share the voice-adapted part had in the classic score (0: the clip was scored as a new voice). */
  voiceWeight: number;
}

/** Whether the model uses voice statistics at all (a voice it knows then scores differently from a new one). */
export function usesVoices(recipe: ModelRecipe | undefined): boolean {
  return recipe?.classic?.adapted != null && recipe.kind !== 'cnn';
}

/** The classic statistics of a prepared log-mel: what a voice is summed from. */
export function voiceRowOf(prepared: Spectrogram): Float32Array {
  return clipStatistics(prepared);
}

/** A voice made of these clips (prepared log-mels), for a model that uses voice statistics. */
export function voiceOfPrepared(prepared: readonly Spectrogram[], frameSeconds: number): VoiceStats | null {
  if (prepared.length === 0) return null;
  let voice = emptyVoice(voiceRowOf(prepared[0]).length);
  for (const p of prepared) voice = addToVoice(voice, voiceRowOf(p), p.frames * frameSeconds);
  return voice;
}

/**
 * Class probabilities (model label order) of one prepared log-mel, and how many CNN windows were averaged.
 * `voice` is what is known of the clip's voice (null: nothing; it is then scored as a new voice).
 */
export function scorePrepared(
  loaded: LoadedModel,
  prepared: Spectrogram,
  voice: VoiceStats | null = null,
): RecipeScore {
  const { meta, model } = loaded;
  const recipe = meta.recipe;
  const kind = recipe?.kind ?? 'cnn';
  const input = recipe?.populationBands ? legacyStandardisedBands(prepared, recipe) : prepared;
  const w = clipWindows(input, windowPlanOf(meta), meta.norm);
  const cnn = Array.from(
    predictWindowSet(model, concatWindows([w], meta.cropFrames, prepared.bins), meta.labels.length)[0],
  );
  const parts: RecipeScore['parts'] = { cnn };
  let voiceWeight = 0;
  const classic = recipe?.classic;
  if (classic) {
    const score = classicScore(classic, voiceRowOf(prepared), voice);
    parts.classic = score.probs;
    parts.fusion = fuseProbs(cnn, score, recipe?.cnnTemperature ?? 1);
    if (kind !== 'cnn' && voice) voiceWeight = score.weight;
  }
  return { probs: parts[kind] ?? cnn, windows: w.count, parts, voiceWeight };
}

/** Models saved before voices were scored both ways measured the CNN's input against the training population. */
function legacyStandardisedBands(prepared: Spectrogram, recipe: ModelRecipe): Spectrogram {
  const bands = recipe.populationBands as NonNullable<ModelRecipe['populationBands']>;
  const data = new Float32Array(prepared.data.length);
  writeNormalised(prepared, instanceOffsets(prepared, recipe.instance), bands, data);
  return { frames: prepared.frames, bins: prepared.bins, data };
}
