// The training options, one entry each (as tfjs declares all about an op in kernel_names.ts): the request's
// schema, the default shown where the field or flag is empty, the `ser train` flag and its help, the Train
// form's label and hint. From this table come TrainRequestSchema (contract.ts), trainConfigOf
// (core/model/train-request.ts), the flags of `ser train` (cli/commands/train.ts) and the Train form's request
// (renderer/screens/train/form-values.ts). A new option is one entry here, plus its TrainConfig field and
// what the engine does with it; tests/unit/training-options.test.ts checks that all of them agree.
import { z } from 'zod';
import { CANONICAL_LABELS } from './labels.js';
import {
  AUGMENT_NAMES,
  BACKEND_PREFERENCES,
  DEFAULT_SPEAKER_NORM,
  HEAD_KINDS,
  HEAD_TITLES,
  MAX_MEMBERS,
  MODEL_SIZES,
  RECIPE_DESCRIPTIONS,
  RECIPE_KINDS,
  SPEAKER_NORM_MODES,
  SPEAKER_NORM_TITLES,
  TRAINING_DEFAULTS,
  type FixedSpeakerNorm,
} from './options.js';

export const AugmentSchema = z.enum(AUGMENT_NAMES);
export const SplitSchema = z.union([
  z.literal('speaker'),
  z.literal('loso'),
  z.literal('random'),
  z.string().regex(/^kfold:\d{1,2}$/),
]);

/**
 * How `ser train` reads a flag: an integer of at least `min`, a number in (0, max], one of `choices`, a
 * switch, or text the CLI parses itself (its parser, named by the option, says what is wrong with it).
 */
export type CliValue =
  | { kind: 'integer'; min: number }
  | { kind: 'upTo'; max: number }
  | { kind: 'choice'; choices: readonly string[] }
  | { kind: 'switch' }
  | { kind: 'text' };

export interface CliFlag {
  /** commander's flags, e.g. '--epochs <n>'. */
  flags: string;
  help: string;
  value: CliValue;
  /** commander shows and applies `default` (the backend's 'auto'). */
  showDefault?: boolean;
  /** A second flag that sets the option to `value` (--no-speaker-norm). */
  negated?: { flags: string; help: string; value: unknown };
}

/**
 * The Train form's field: a number (rounded and held to [min, max] when `whole`; empty sends nothing), a
 * select ('' sends nothing), a checkbox (sent only with the `splits` it applies to), or a field the form
 * builds itself (`own`: the label checkboxes, the split with its folds, the augmentation checkboxes).
 * `field`: the form value's name where it is not the request's.
 */
export type FormField = { label: string; hint?: string; field?: string } & (
  | { input: 'number'; min: number; max: number; whole: boolean }
  | { input: 'select' }
  | { input: 'check'; splits?: readonly string[] }
  | { input: 'own' }
);

export interface TrainingOption<S extends z.ZodType = z.ZodType> {
  /** The request's field, before `.optional()` (every field of a request may be left out). */
  schema: S;
  /**
   * Whether it is a TrainConfig field of the same name (what the run learns and how it is scored); false:
   * how the run is carried out (backend, trainings at once), same scores either way.
   */
  config: boolean;
  /** The value an empty field or flag means, where the form or the help shows it (else the engine's). */
  default?: z.infer<S>;
  /** The request's value as the TrainConfig field holds it, where they differ. */
  toConfig?: (value: z.infer<S>) => unknown;
  cli: CliFlag | null;
  form: FormField | null;
}

const option = <S extends z.ZodType>(entry: TrainingOption<S>): TrainingOption<S> => entry;

/** Every training option, in the order `ser train --help` lists them. */
export const TRAINING_OPTIONS = {
  labels: option({
    schema: z.array(z.enum(CANONICAL_LABELS)).min(2).max(CANONICAL_LABELS.length),
    config: true,
    cli: {
      flags: '--labels <list>',
      help: 'labels to train on (default: the project label set), e.g. happy,sad,neutral',
      value: { kind: 'text' },
    },
    form: { input: 'own', label: 'Emotions to learn' },
  }),
  split: option({
    schema: SplitSchema,
    config: true,
    default: TRAINING_DEFAULTS.split,
    cli: {
      flags: '--split <how>',
      help: `loso (leave one speaker out), speaker (train/val/test by speaker), kfold:K, or random (default ${TRAINING_DEFAULTS.split})`,
      value: { kind: 'text' },
    },
    form: { input: 'own', label: 'Split' },
  }),
  epochs: option({
    schema: z.number().int().min(1).max(1000),
    config: true,
    default: TRAINING_DEFAULTS.epochs,
    cli: {
      flags: '--epochs <n>',
      help: `training epochs (default ${TRAINING_DEFAULTS.epochs}; early stopping may end sooner)`,
      value: { kind: 'integer', min: 1 },
    },
    form: { input: 'number', label: 'Epochs', min: 1, max: 1000, whole: true },
  }),
  batchSize: option({
    schema: z.number().int().min(1).max(1024),
    config: true,
    cli: { flags: '--batch <n>', help: 'batch size', value: { kind: 'integer', min: 1 } },
    form: null,
  }),
  learningRate: option({
    schema: z.number().positive().max(1),
    config: true,
    cli: { flags: '--lr <x>', help: 'initial learning rate', value: { kind: 'upTo', max: 1 } },
    form: null,
  }),
  augment: option({
    schema: z.array(AugmentSchema),
    config: true,
    default: [...TRAINING_DEFAULTS.augment],
    cli: {
      flags: '--augment <list>',
      help: `augmentations: any of ${AUGMENT_NAMES.join(',')}, or none (default: ${TRAINING_DEFAULTS.augment.join(',')})`,
      value: { kind: 'text' },
    },
    form: { input: 'own', label: 'Augmentations' },
  }),
  head: option({
    schema: z.enum(HEAD_KINDS),
    config: true,
    default: TRAINING_DEFAULTS.head,
    cli: {
      flags: '--head <kind>',
      help: `pooling over time: ${HEAD_KINDS.map((h) => `${h} (${HEAD_TITLES[h].toLowerCase()})`).join(', ')}; default ${TRAINING_DEFAULTS.head}`,
      value: { kind: 'choice', choices: HEAD_KINDS },
    },
    form: { input: 'select', label: 'Head' },
  }),
  size: option({
    schema: z.enum(MODEL_SIZES),
    config: true,
    default: TRAINING_DEFAULTS.size,
    cli: {
      flags: '--size <preset>',
      help: `model size (default ${TRAINING_DEFAULTS.size})`,
      value: { kind: 'choice', choices: MODEL_SIZES },
    },
    form: { input: 'select', label: 'Model size' },
  }),
  seed: option({
    schema: z.number().int(),
    config: true,
    cli: {
      flags: '--seed <n>',
      help: 'random seed (same seed, same backend: same run)',
      value: { kind: 'integer', min: 0 },
    },
    form: null,
  }),
  statsRateScale: option({
    schema: z.number().positive().max(1000),
    config: true,
    default: TRAINING_DEFAULTS.statsRateScale,
    cli: {
      flags: '--stats-rate <x>',
      help:
        `how many times faster than the conv layers the MFCC-statistics branch learns (default ${TRAINING_DEFAULTS.statsRateScale}; ` +
        'higher leans more on the clip statistics)',
      value: { kind: 'upTo', max: 1000 },
    },
    form: {
      input: 'number',
      field: 'statsRate',
      label: 'Statistics branch rate',
      hint: 'How many times faster than the convolutions the MFCC-statistics branch learns',
      // the field's min and max already hold the form back outside the contract's range
      min: 0.1,
      max: 1000,
      whole: false,
    },
  }),
  members: option({
    schema: z.number().int().min(1).max(MAX_MEMBERS),
    config: true,
    default: TRAINING_DEFAULTS.members,
    cli: {
      flags: '--members <n>',
      help: `train n networks side by side and average them: steadier scores for n times the training time (1 to ${MAX_MEMBERS}, default ${TRAINING_DEFAULTS.members})`,
      value: { kind: 'integer', min: 1 },
    },
    form: {
      input: 'number',
      label: 'Networks averaged',
      hint: 'More networks give steadier scores, for that many times the training time',
      min: 1,
      max: MAX_MEMBERS,
      whole: true,
    },
  }),
  foldValidation: option({
    schema: z.boolean(),
    config: true,
    default: false,
    cli: {
      flags: '--fold-validation',
      help:
        'with loso or kfold, hold out validation speakers in each fold for early stopping ' +
        '(default: each fold trains its whole schedule on all its training speakers)',
      value: { kind: 'switch' },
    },
    form: {
      input: 'check',
      label: 'Early stopping in each fold',
      hint: '(holds out validation speakers; off: every fold learns from all its speakers)',
      splits: ['loso', 'kfold'],
    },
  }),
  recipe: option({
    schema: z.enum(RECIPE_KINDS),
    config: true,
    cli: {
      flags: '--recipe <kind>',
      help: `what scores and predicts: ${RECIPE_KINDS.map((k) => `${k} (${RECIPE_DESCRIPTIONS[k]})`).join('; ')}`,
      value: { kind: 'choice', choices: RECIPE_KINDS },
    },
    form: { input: 'select', label: 'Recipe', hint: 'What scores and predicts' },
  }),
  /** A mode, or (as before the modes) true for the default and false for none. */
  speakerNorm: option({
    schema: z.union([z.enum(SPEAKER_NORM_MODES), z.boolean()]),
    config: true,
    toConfig: (value) => (typeof value === 'boolean' ? (value ? DEFAULT_SPEAKER_NORM : 'none') : value),
    cli: {
      flags: '--speaker-norm <mode>',
      help: `how a voice the model knows is standardised: ${SPEAKER_NORM_MODES.map((m) => `${m} (${SPEAKER_NORM_TITLES[m].toLowerCase()})`).join(', ')}; default ${DEFAULT_SPEAKER_NORM}, none where speakers each show one or two emotions`,
      value: { kind: 'choice', choices: SPEAKER_NORM_MODES },
      negated: {
        flags: '--no-speaker-norm',
        help: 'the same as --speaker-norm none',
        value: 'none' satisfies FixedSpeakerNorm,
      },
    },
    form: {
      input: 'select',
      label: 'A voice it knows',
      hint:
        'How a speaker whose clips the model knows is standardised; a voice it has not heard is scored without ' +
        'voice statistics. A corpus whose speakers each show one or two emotions uses none.',
    },
  }),
  /** Trainings at once (folds side by side); absent: as many as the cores (less one) and memory allow. */
  jobs: option({
    schema: z.number().int().min(1).max(64),
    config: false,
    cli: {
      flags: '--jobs <n>',
      help:
        'trainings at once: folds train side by side, each on a core (default: the cores less one, as many as ' +
        'memory allows; the scores are the same for any value)',
      value: { kind: 'integer', min: 1 },
    },
    form: {
      input: 'number',
      label: 'Trainings at once',
      hint:
        'Folds that train side by side, one per core; empty for the default (the cores less one, as many as ' +
        'memory allows). The scores are the same for any value.',
      min: 1,
      max: 64,
      whole: true,
    },
  }),
  backend: option({
    schema: z.enum(BACKEND_PREFERENCES),
    config: false,
    default: TRAINING_DEFAULTS.backend,
    cli: {
      flags: '--backend <name>',
      help: 'tfjs backend',
      value: { kind: 'choice', choices: BACKEND_PREFERENCES },
      showDefault: true,
    },
    form: null,
  }),
};

export type TrainingOptions = typeof TRAINING_OPTIONS;
export type TrainingOptionKey = keyof TrainingOptions;

/** The options as [key, entry] pairs, in the table's order. */
export function trainingOptionEntries(): [TrainingOptionKey, TrainingOption][] {
  return Object.entries(TRAINING_OPTIONS) as [TrainingOptionKey, TrainingOption][];
}

type RequestShape = { [K in TrainingOptionKey]: z.ZodOptional<TrainingOptions[K]['schema']> };

/** The request's fields, each optional (the contract's TrainRequestSchema). */
export function requestShapeOf(options: TrainingOptions = TRAINING_OPTIONS): RequestShape {
  return Object.fromEntries(
    Object.entries(options).map(([key, entry]) => [key, entry.schema.optional()]),
  ) as RequestShape;
}
