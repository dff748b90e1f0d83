import type { ComparedScores, RecipeChoice, RecipeComparison } from '../../../common/contract.js';
import type { RecipeKind } from '../../../common/options.js';
import { computeMetrics, type Metrics, type PredictionRow } from '../../metrics/index.js';
import type { ModelRecipe } from '../model-meta.js';
import type { RecipeResult } from './node/run-recipe.js';
import { FIXED_RECIPES, type FixedRecipe } from './side-predictions.js';

/** The comparison table from each model's metrics on the same clips. */
export function comparisonFrom(args: {
  recipe: RecipeKind;
  finalRecipe: FixedRecipe;
  speakerNorm: boolean;
  metrics: Partial<Record<FixedRecipe, Metrics | null>>;
  choices?: RecipeChoice[];
}): RecipeComparison {
  const models: ComparedScores[] = [];
  for (const model of FIXED_RECIPES) {
    const m = args.metrics[model];
    if (m)
      models.push({ model, macro_f1: m.macro_f1, uar: m.uar, accuracy: m.accuracy, per_class: m.per_class });
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
    speakerNorm: r.speakerNorm,
    metrics: r.sideMetrics,
    choices: r.choices.map((c) => ({
      ...c,
      inner: c.inner ? { ...c.inner } : null,
      innerFolds: c.innerFolds ? { ...c.innerFolds } : null,
    })),
  });
}

/** A saved model's comparison on the clips it scored (null for models saved before recipes). */
export function comparisonOfParts(
  recipe: ModelRecipe | undefined,
  parts: Partial<Record<FixedRecipe, PredictionRow[]>>,
  labels: readonly string[],
): RecipeComparison | null {
  if (!recipe?.classic) return null;
  const metrics = Object.fromEntries(
    Object.entries(parts).map(([k, rows]) => [k, rows.length > 0 ? computeMetrics(rows, labels) : null]),
  ) as Partial<Record<FixedRecipe, Metrics | null>>;
  return comparisonFrom({
    recipe: recipe.kind,
    finalRecipe: recipe.kind,
    speakerNorm: recipe.speakerNorm,
    metrics,
  });
}
