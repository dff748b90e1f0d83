import type {
  ComparedScores,
  RecipeChoice,
  RecipeComparison,
  VoiceScores,
} from '../../../common/contract.js';
import type { FixedSpeakerNorm, RecipeKind } from '../../../common/options.js';
import { computeMetrics, type Metrics, type PredictionRow } from '../../metrics/index.js';
import type { ModelRecipe } from '../model-meta.js';
import type { RecipeResult } from './node/run-recipe.js';
import { FIXED_RECIPES, type FixedRecipe } from './side-predictions.js';

/** The comparison table from each model's metrics on the same clips. */
export function comparisonFrom(args: {
  recipe: RecipeKind;
  finalRecipe: FixedRecipe;
  speakerNorm: FixedSpeakerNorm;
  metrics: Partial<Record<FixedRecipe, Metrics | null>>;
  /** Each model's known-voice macro F1, where measured. */
  known?: Partial<Record<FixedRecipe, number | null>>;
  choices?: RecipeChoice[];
}): RecipeComparison {
  const models: ComparedScores[] = [];
  for (const model of FIXED_RECIPES) {
    const m = args.metrics[model];
    const known = args.known?.[model];
    if (m)
      models.push({
        model,
        macro_f1: m.macro_f1,
        uar: m.uar,
        accuracy: m.accuracy,
        per_class: m.per_class,
        ...(known == null ? {} : { known_macro_f1: known }),
      });
  }
  return {
    recipe: args.recipe,
    finalRecipe: args.finalRecipe,
    speakerNorm: args.speakerNorm,
    models,
    choices: args.choices ?? [],
  };
}

/** A training run's comparison: every fixed recipe's held-out scores on the same folds, and auto's choices. */
export function comparisonOf(r: RecipeResult): RecipeComparison {
  return comparisonFrom({
    recipe: r.recipe,
    finalRecipe: r.finalRecipe,
    speakerNorm: r.finalSpeakerNorm,
    metrics: r.sideMetrics,
    known: knownOf(r.sideScores),
    choices: r.choices.map((c) => ({
      ...c,
      inner: c.inner ? { ...c.inner } : null,
      innerFolds: c.innerFolds ? { ...c.innerFolds } : null,
    })),
  });
}

function knownOf(
  scores: Record<FixedRecipe, VoiceScores | null>,
): Partial<Record<FixedRecipe, number | null>> {
  return Object.fromEntries(FIXED_RECIPES.map((r) => [r, scores[r]?.knownVoice.macro_f1 ?? null]));
}

/** A saved model's comparison on the clips it scored both ways (null for models saved before recipes). */
export function comparisonOfParts(
  recipe: ModelRecipe | undefined,
  parts: Partial<Record<FixedRecipe, PredictionRow[]>>,
  knownParts: Partial<Record<FixedRecipe, PredictionRow[]>>,
  labels: readonly string[],
): RecipeComparison | null {
  if (!recipe?.classic) return null;
  const metricsOf = (p: Partial<Record<FixedRecipe, PredictionRow[]>>) =>
    Object.fromEntries(
      Object.entries(p).map(([k, rows]) => [k, rows.length > 0 ? computeMetrics(rows, labels) : null]),
    ) as Partial<Record<FixedRecipe, Metrics | null>>;
  const known = metricsOf(knownParts);
  return comparisonFrom({
    recipe: recipe.kind,
    finalRecipe: recipe.kind,
    speakerNorm: recipe.speakerNorm,
    metrics: metricsOf(parts),
    known: Object.fromEntries(FIXED_RECIPES.map((r) => [r, known[r]?.macro_f1 ?? null])),
  });
}
