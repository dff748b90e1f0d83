import type { RecipeChoice } from './contract.js';
import { FIXED_RECIPES } from './options.js';

/**
 * What chose a fold's recipe, for the report, the Evaluate screen and the terminal alike: each recipe's macro
 * F1 over the inner folds, then in each inner fold, e.g. "classic 0.712 (0.70 0.75 0.68) · fusion …"; or
 * why there was no inner split.
 */
export function innerScoresText(choice: RecipeChoice, separator = ' · '): string {
  const { inner, innerFolds } = choice;
  if (!inner) return choice.reason;
  return FIXED_RECIPES.filter((k) => inner[k] !== undefined)
    .map((k) => {
      const folds = innerFolds?.[k];
      return `${k} ${(inner[k] ?? 0).toFixed(3)}${folds ? ` (${folds.map((v) => v.toFixed(2)).join(' ')})` : ''}`;
    })
    .join(separator);
}
