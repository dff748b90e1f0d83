import type { RunMetrics } from '../../../common/contract.js';
import { computeMetrics } from '../../metrics/index.js';
import { comparisonOf } from './comparison.js';
import type { RecipeResult } from './node/run-recipe.js';

/**
 * What a training run records as its metrics, the one place it is put together: the new-voice scores (the
 * headline), the known-voice ones and the curve, the models side by side, and every warning of the split and
 * of the voices.
 */
export function runMetricsOf(recipe: RecipeResult): RunMetrics | null {
  if (!recipe.metrics) return null;
  const known =
    recipe.knownPredictions.length > 0
      ? computeMetrics(recipe.knownPredictions, recipe.metrics.labels)
      : null;
  return {
    ...recipe.metrics,
    comparison: comparisonOf(recipe),
    split_warnings: [...recipe.experiment.warnings, ...recipe.warnings],
    ...(recipe.voice ? { voice: recipe.voice } : {}),
    ...(known ? { known } : {}),
  };
}
