// Training options that the contract, the CLI and the Train form all offer: each list written once here.

/**
 * What a run's held-out predictions and its saved model score with: the CNN alone, the classic baseline
 * alone, their averaged probabilities, or whichever of those an inner speaker-grouped cross-validation on
 * each fold's training speakers picks.
 */
export const RECIPE_KINDS = ['classic', 'fusion', 'cnn', 'auto'] as const;
export type RecipeKind = (typeof RECIPE_KINDS)[number];
/** The recipes 'auto' chooses among, in the order a comparison shows them. */
export const FIXED_RECIPES = ['cnn', 'classic', 'fusion'] as const;
export type FixedRecipe = (typeof FIXED_RECIPES)[number];

/** How a comparison names each model, in the report, the Evaluate screen and the terminal alike. */
export const RECIPE_NAMES: Record<FixedRecipe, string> = {
  cnn: 'CNN',
  classic: 'Classic baseline',
  fusion: 'Fusion (CNN + classic)',
};

/**
 * The default: the classic baseline with per-speaker standardisation. Chosen on the accuracy harness's
 * summary over all five development corpora (three seeds, LOSO): mean margin over the better reference +0.100
 * and worst -0.008, against +0.091 and -0.011 for the fusion and +0.063 and -0.036 for the CNN alone.
 */
export const DEFAULT_RECIPE: FixedRecipe = 'classic';

export const RECIPE_DESCRIPTIONS: Record<RecipeKind, string> = {
  fusion: 'CNN and classic baseline, probabilities averaged',
  cnn: 'the CNN alone',
  classic: 'the classic baseline alone (MFCC and log-mel statistics, logistic regression)',
  auto: 'chosen per fold by cross-validation on its training speakers',
};
