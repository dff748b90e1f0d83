// Browser-safe: how a saved model scores a clip under its recipe (the CNN, the classic baseline or their
// average), with the clip standardised by its speaker's statistics where the model was trained that way.
import { clipStatistics, featureStats, logisticProbs, standardiseWith } from '../../classic/index.js';
import type { Spectrogram } from '../../features/index.js';
import { instanceOffsets, writeNormalised } from '../input-norm.js';
import type { LoadedModel, ModelRecipe } from '../model-meta.js';
import { concatWindows, predictWindowSet } from '../validation.js';
import { clipWindows, windowPlanOf } from '../windows.js';
import { bandsOf, type SpeakerBands } from '../speaker-norm.js';
import type { FixedRecipe } from './side-predictions.js';

/** A speaker's statistics, from their clips (log-mels through prepareLogMel), for models that need them. */
export interface SpeakerContext {
  bands: SpeakerBands;
  classic: { mean: ArrayLike<number>; std: ArrayLike<number> };
}

/** Fewer clips than this and a speaker's own statistics are too noisy: the population's are used. */
export const MIN_SPEAKER_CLIPS = 2;

/** The statistics of one speaker's clips (null when the model needs none or there are too few clips). */
export function speakerContextOf(
  recipe: ModelRecipe | undefined,
  prepared: readonly Spectrogram[],
): SpeakerContext | null {
  if (!recipe?.speakerNorm || prepared.length < MIN_SPEAKER_CLIPS) return null;
  return { bands: bandsOf(prepared, recipe.instance), classic: featureStats(prepared.map(clipStatistics)) };
}

/** One clip's probabilities under the model's recipe, and each part's own, for side-by-side scores. */
export interface RecipeScore {
  probs: number[];
  windows: number;
  parts: Partial<Record<FixedRecipe, number[]>>;
}

/**
 * Class probabilities (model label order) of one prepared log-mel, and how many CNN windows were averaged.
 * Without a context, a speaker-standardised model uses the training population's statistics.
 */
export function scorePrepared(
  loaded: LoadedModel,
  prepared: Spectrogram,
  context: SpeakerContext | null = null,
): RecipeScore {
  const { meta, model } = loaded;
  const recipe = meta.recipe;
  const kind = recipe?.kind ?? 'cnn';
  const input = recipe?.speakerNorm ? standardisedBands(prepared, recipe, context) : prepared;
  const w = clipWindows(input, windowPlanOf(meta), meta.norm);
  const cnn = Array.from(
    predictWindowSet(model, concatWindows([w], meta.cropFrames, prepared.bins), meta.labels.length)[0],
  );
  const parts: RecipeScore['parts'] = { cnn };
  const classic = recipe?.classic;
  if (classic) {
    const row = clipStatistics(prepared);
    const population = { mean: classic.population.mean, std: classic.population.std };
    parts.classic = Array.from(
      logisticProbs(
        classic.logistic,
        classic.speakerNorm ? standardiseWith(row, context?.classic ?? population) : row,
      ),
    );
    parts.fusion = cnn.map((v, i) => (v + (parts.classic as number[])[i]) / 2);
  }
  return { probs: parts[kind] ?? cnn, windows: w.count, parts };
}

function standardisedBands(
  prepared: Spectrogram,
  recipe: ModelRecipe,
  context: SpeakerContext | null,
): Spectrogram {
  const bands = context?.bands ?? recipe.populationBands;
  if (!bands) throw new Error('the model standardises per speaker but carries no population statistics');
  const data = new Float32Array(prepared.data.length);
  writeNormalised(prepared, instanceOffsets(prepared, recipe.instance), bands, data);
  return { frames: prepared.frames, bins: prepared.bins, data };
}
