import type { RunMetrics, TrainProgress } from '../../../common/contract.js';
import { DEFAULT_RECIPE, RECIPE_NAMES, type FixedRecipe, type RecipeKind } from '../../../common/options.js';

/**
 * What a run trains, in the words the Train screen uses everywhere (subtitle, progress, result): every run
 * trains the CNN over the split's folds, then fits the classic baseline on the same folds; the recipe says
 * which of them (or their fusion) scores and predicts. The names are RECIPE_NAMES, as in Evaluate and the report.
 */
export type PartState = 'waiting' | 'training' | 'done';
export interface RecipePart {
  model: 'cnn' | 'classic';
  name: string;
  /** What the part is for in this recipe. */
  role: string;
  state: PartState;
}

/** The recipe's own name: "Classic baseline", "Fusion (CNN + classic)", "Automatic (…)". */
export function recipeName(recipe: RecipeKind): string {
  return recipe === 'auto'
    ? 'Automatic (CNN, classic baseline or fusion, chosen per fold)'
    : RECIPE_NAMES[recipe];
}

function roleOf(model: 'cnn' | 'classic', recipe: RecipeKind): string {
  if (recipe === 'auto') return 'a candidate';
  if (recipe === 'fusion') return 'half of the fusion';
  return recipe === model ? 'scores and predicts' : 'for comparison';
}

/** The Train screen's subtitle: which model scores and predicts, and what else trains beside it. */
export function recipeSummary(recipe: RecipeKind): string {
  const speakers = 'scored on speakers it never heard';
  switch (recipe) {
    case 'classic':
      return `Recipe: the classic baseline (MFCC and log-mel statistics, logistic regression), ${speakers}; a CNN on log-mel spectrograms trains on the same folds for comparison.`;
    case 'cnn':
      return `Recipe: a CNN on log-mel spectrograms, ${speakers}; the classic baseline is fitted on the same folds for comparison.`;
    case 'fusion':
      return `Recipe: fusion, the probabilities of a CNN on log-mel spectrograms and of the classic baseline averaged, ${speakers}.`;
    case 'auto':
      return `Recipe: automatic, the CNN, the classic baseline or their fusion, chosen in each fold on its training speakers, ${speakers}.`;
  }
}

/** Where each part is, from the latest progress event (null: not started; `finished`: the run has ended). */
export function recipeParts(
  recipe: RecipeKind,
  p: Pick<TrainProgress, 'phase'> | null,
  finished = false,
): RecipePart[] {
  const phase = p?.phase ?? 'features';
  const cnnTraining = phase === 'training' || phase === 'final' || phase === 'evaluating';
  const classicStarted = phase === 'classic' || phase === 'choosing' || phase === 'report';
  const cnn: PartState = finished || classicStarted ? 'done' : cnnTraining ? 'training' : 'waiting';
  const classic: PartState =
    finished || phase === 'choosing' || phase === 'report'
      ? 'done'
      : phase === 'classic'
        ? 'training'
        : 'waiting';
  const parts: RecipePart[] = [
    { model: 'cnn', name: RECIPE_NAMES.cnn, role: roleOf('cnn', recipe), state: cnn },
    { model: 'classic', name: RECIPE_NAMES.classic, role: roleOf('classic', recipe), state: classic },
  ];
  // The model that scores first: it is what the run is for.
  return recipe === 'cnn' || recipe === 'fusion' || recipe === 'auto' ? parts : [parts[1], parts[0]];
}

/** The figure every model is given: macro F1 for a new voice (each clip alone), as Evaluate's first column. */
export interface ModelFigure {
  model: FixedRecipe;
  name: string;
  macroF1: number;
  accuracy: number;
  /** The model the run's scores and saved model are. */
  used: boolean;
}

/**
 * One figure per model of a finished run, by the names Evaluate and the report use; the recipe's own first.
 * A run made before comparisons has its one model.
 */
export function modelFigures(metrics: RunMetrics, recipe: RecipeKind): ModelFigure[] {
  const used: FixedRecipe = metrics.comparison?.finalRecipe ?? (recipe === 'auto' ? DEFAULT_RECIPE : recipe);
  const models = metrics.comparison?.models ?? [
    { model: used, macro_f1: metrics.macro_f1, accuracy: metrics.accuracy },
  ];
  const figures = models.map((m) => ({
    model: m.model,
    name: RECIPE_NAMES[m.model],
    macroF1: m.macro_f1,
    accuracy: m.accuracy,
    used: m.model === used,
  }));
  return [...figures.filter((f) => f.used), ...figures.filter((f) => !f.used)];
}

/** Validation numbers exist only with validation speakers (early stopping, the speaker split): show them then. */
export function hasValidation(
  epochs: ReadonlyArray<{ valLoss: number | null; valAccuracy: number | null }>,
  p: Pick<TrainProgress, 'valLoss' | 'valAccuracy'> | null,
): boolean {
  return (
    p?.valLoss != null ||
    p?.valAccuracy != null ||
    epochs.some((e) => e.valLoss !== null || e.valAccuracy !== null)
  );
}
