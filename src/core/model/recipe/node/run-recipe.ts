import type { RecipeKind } from '../../../../common/options.js';
import type { ClassicModel } from '../../../classic/index.js';
import { computeMetrics, type Metrics, type PredictionRow } from '../../../metrics/index.js';
import type { BatchSource } from '../../batch-source.js';
import type { FeatureBank } from '../../feature-bank.js';
import { runExperiment, type ExperimentInput, type ExperimentResult } from '../../node/experiment.js';
import { speakerNormalisedBank, speakerBands, type SpeakerBands } from '../../speaker-norm.js';
import { classicRows, fitClassicOn, type ClassicData } from '../classic-folds.js';
import {
  FIXED_RECIPES,
  foldsOf,
  sidePredictions,
  type FixedRecipe,
  type RecipePredictions,
} from '../side-predictions.js';
import { AUTO_FALLBACK } from '../auto-rule.js';
import { chooseRecipes, type FoldChoice } from './auto-choice.js';

export interface RecipeInput extends Omit<ExperimentInput, 'source'> {
  /** The clips' log-mel, through prepareLogMel (not yet standardised per speaker). */
  bank: FeatureBank;
  /** Makes the batch source for the bank the CNN trains on (closed when the run ends). */
  sourceFor: (bank: FeatureBank) => Promise<BatchSource>;
}

export interface RecipeResult {
  /** The CNN's own run (its predictions are the CNN's; its model is the final CNN). */
  experiment: ExperimentResult;
  recipe: RecipeKind;
  speakerNorm: boolean;
  /** What the saved model combines: the recipe, or for 'auto' the choice most folds made. */
  finalRecipe: FixedRecipe;
  /** The recipe's held-out predictions and their scores. */
  predictions: PredictionRow[];
  metrics: Metrics | null;
  /** Every fixed recipe's held-out predictions on the same folds, to show side by side. */
  side: RecipePredictions;
  sideMetrics: Record<FixedRecipe, Metrics | null>;
  /** The classic model trained on every clip (with the final CNN), or null when only folds were run. */
  classicModel: ClassicModel | null;
  /** Per fold, for 'auto': what was chosen and the inner scores that chose it. */
  choices: FoldChoice[];
  /** With speaker normalisation: the training population's bands (for clips of an unknown speaker). */
  populationBands: SpeakerBands | null;
}

/**
 * A run as its recipe asks: the CNN over the split's folds (runExperiment), the classic baseline on exactly
 * the same folds, their fusion, and for 'auto' the choice among them made on each fold's training speakers.
 * With `speakerNorm`, the CNN's log-mel and the classic statistics are standardised per speaker first.
 */
export async function runRecipe(input: RecipeInput): Promise<RecipeResult> {
  const { clips, config } = input;
  const speakers = clips.map((c) => c.speaker);
  const cnnBank = config.speakerNorm
    ? speakerNormalisedBank(input.bank, speakers, config.instanceNorm).bank
    : input.bank;
  const source = await input.sourceFor(cnnBank);
  try {
    return await runWith(input, {
      ...input,
      bank: cnnBank,
      source,
      // The instance step is part of the speaker standardisation.
      config: config.speakerNorm ? { ...config, instanceNorm: 'none' } : config,
    });
  } finally {
    await source.close();
  }
}

async function runWith(input: RecipeInput, cnnInput: ExperimentInput): Promise<RecipeResult> {
  const { clips, config } = input;
  const labels = config.labels;
  const speakers = clips.map((c) => c.speaker);
  const experiment = await runExperiment(cnnInput);
  const data: ClassicData = {
    rows: classicRows(input.bank),
    speakers,
    labels: clips.map((c) => labels.indexOf(c.label)),
    classes: labels.length,
    speakerNorm: config.speakerNorm,
  };
  const indexOfClip = new Map(clips.map((c, i) => [c.id, i]));
  const side = sidePredictions(experiment.predictions, data, labels, indexOfClip);

  let choices: FoldChoice[] = [];
  let finalRecipe: FixedRecipe = config.recipe === 'auto' ? AUTO_FALLBACK : config.recipe;
  let predictions = config.recipe === 'auto' ? [] : side[config.recipe];
  if (config.recipe === 'auto' && !experiment.cancelled) {
    choices = await chooseRecipes(cnnInput, data, foldsOf(experiment.predictions, indexOfClip));
    const chosen = new Map(choices.map((c) => [c.fold, c.chosen]));
    predictions = FIXED_RECIPES.flatMap((r) =>
      side[r].filter((p) => (chosen.get(p.fold ?? 0) ?? AUTO_FALLBACK) === r),
    );
    predictions.sort(
      (a, b) => (indexOfClip.get(a.clipId ?? -1) ?? 0) - (indexOfClip.get(b.clipId ?? -1) ?? 0),
    );
    finalRecipe = majority(choices.map((c) => c.chosen));
    for (const c of choices) input.events?.emit('message', { level: 'info', text: describeChoice(c) });
  }
  const usable = data.labels.map((l, i) => (l >= 0 ? i : -1)).filter((i) => i >= 0);
  const classicModel = experiment.model ? fitClassicOn(data, usable) : null;
  return {
    experiment,
    recipe: config.recipe,
    speakerNorm: config.speakerNorm,
    finalRecipe,
    predictions,
    metrics: predictions.length > 0 ? computeMetrics(predictions, labels) : null,
    side,
    sideMetrics: {
      fusion: side.fusion.length > 0 ? computeMetrics(side.fusion, labels) : null,
      cnn: side.cnn.length > 0 ? computeMetrics(side.cnn, labels) : null,
      classic: side.classic.length > 0 ? computeMetrics(side.classic, labels) : null,
    },
    classicModel,
    choices,
    populationBands: config.speakerNorm ? speakerBands(input.bank, usable, config.instanceNorm) : null,
  };
}

function majority(chosen: readonly FixedRecipe[]): FixedRecipe {
  if (chosen.length === 0) return AUTO_FALLBACK;
  const counts = new Map<FixedRecipe, number>();
  for (const c of chosen) counts.set(c, (counts.get(c) ?? 0) + 1);
  // Ties go to the default.
  return FIXED_RECIPES.reduce(
    (best, r) => ((counts.get(r) ?? 0) > (counts.get(best) ?? 0) ? r : best),
    AUTO_FALLBACK,
  );
}

function describeChoice(c: FoldChoice): string {
  const scores = c.inner
    ? FIXED_RECIPES.map((r) => `${r} ${(c.inner as Record<FixedRecipe, number>)[r].toFixed(3)}`).join(', ')
    : c.reason;
  return `fold ${c.fold + 1} (${c.testSpeakers.join(', ')}): recipe ${c.chosen} (${scores})`;
}
