// Training options that the contract, the CLI and the Train form all offer: each list and default written
// once here, and the zod schemas, the CLI's choices and help, and the form's options and placeholders built
// from them.

/** How the CNN pools its conv features over time, in the order the form and the CLI offer them. */
export const HEAD_KINDS = ['stats', 'gap', 'attention'] as const;
export type HeadKind = (typeof HEAD_KINDS)[number];
export const HEAD_TITLES: Record<HeadKind, string> = {
  stats: 'Mean and spread over time',
  gap: 'Average pooling',
  attention: 'Attention pooling',
};

export const MODEL_SIZES = ['small', 'default', 'large'] as const;
export type ModelSize = (typeof MODEL_SIZES)[number];
export const MODEL_SIZE_TITLES: Record<ModelSize, string> = {
  small: 'Small',
  default: 'Default',
  large: 'Large',
};

/** tfjs backends, fastest first: the order 'auto' tries them in. */
export const BACKEND_NAMES = ['node-gpu', 'node', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export const BACKEND_PREFERENCES = ['auto', ...BACKEND_NAMES] as const;
export type BackendPreference = (typeof BACKEND_PREFERENCES)[number];

export const AUGMENT_NAMES = ['pitch', 'stretch', 'noise', 'mask'] as const;
export type AugmentName = (typeof AUGMENT_NAMES)[number];
export const AUGMENT_TITLES: Record<AugmentName, string> = {
  pitch: 'Pitch shift',
  stretch: 'Time stretch',
  noise: 'Noise',
  mask: 'Time/frequency masking',
};

/** How a run divides its clips into training and test: by speaker (one, several folds, or each), or at random. */
export type SplitSpec = 'speaker' | 'loso' | 'random' | `kfold:${number}`;

/** The most networks an ensemble may have. */
export const MAX_MEMBERS = 9;

/**
 * The defaults a form field or a CLI flag shows when left empty (the engine's TrainConfig takes them from
 * here too). Each value's reason is on the TrainConfig field it sets.
 */
export const TRAINING_DEFAULTS = {
  /**
   * Leave one speaker out: every speaker is scored by a model that never heard them, so the headline numbers
   * use every clip, and the accuracy harness measures the recipes this way.
   */
  split: 'loso' as SplitSpec,
  epochs: 15,
  members: 1,
  statsRateScale: 10,
  augment: ['mask'] as readonly AugmentName[],
  head: 'stats' as HeadKind,
  size: 'default' as ModelSize,
  backend: 'auto' as BackendPreference,
  /** Folds the Train form offers for k-fold by speaker. */
  kfold: 5,
} as const;

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

/**
 * What a clip's training label is when its annotators tie: keep the label it had and flag the clip, leave it
 * out of training (no label), or let a named adjudicator's label decide (flagged while they have not spoken).
 */
export const TIE_RULES = ['flag', 'exclude', 'adjudicator'] as const;
export type TieRuleKind = (typeof TIE_RULES)[number];
export const TIE_RULE_TITLES: Record<TieRuleKind, string> = {
  flag: 'Keep the label and flag the clip',
  exclude: 'Leave the clip out of training',
  adjudicator: 'An adjudicator decides',
};
export const DEFAULT_TIE_RULE: TieRuleKind = 'flag';
