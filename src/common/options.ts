// Training options that the contract, the CLI and the Train form all offer: each list written once here.

/**
 * What a run's held-out predictions and its saved model score with: the CNN alone, the classic baseline
 * alone, their averaged probabilities, or whichever of those an inner speaker-grouped cross-validation on
 * each fold's training speakers picks.
 */
export const RECIPE_KINDS = ['fusion', 'cnn', 'classic', 'auto'] as const;
export type RecipeKind = (typeof RECIPE_KINDS)[number];

export const RECIPE_DESCRIPTIONS: Record<RecipeKind, string> = {
  fusion: 'CNN and classic baseline, probabilities averaged',
  cnn: 'the CNN alone',
  classic: 'the classic baseline alone (MFCC and log-mel statistics, logistic regression)',
  auto: 'chosen per fold by cross-validation on its training speakers',
};
