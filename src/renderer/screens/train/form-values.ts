// The Train form's fields as plain data: what an untouched form holds, the request it sends, and the fields a
// run's stored settings fill in, so a reload during a run shows that run rather than the form's defaults.
import type { TrainRequest } from '../../../common/contract.js';
import type { CanonicalLabel } from '../../../common/labels.js';
import {
  AUGMENT_NAMES,
  HEAD_KINDS,
  MODEL_SIZES,
  RECIPE_KINDS,
  SPEAKER_NORM_MODES,
  TRAINING_DEFAULTS,
  type AugmentName,
  type HeadKind,
  type ModelSize,
  type RecipeKind,
  type SpeakerNormMode,
} from '../../../common/options.js';
import { trainingOptionEntries, type FormField } from '../../../common/training-options.js';

export const SPLIT_CHOICES = ['loso', 'speaker', 'kfold', 'random'] as const;
export type SplitChoice = (typeof SPLIT_CHOICES)[number];

/** The form's fields. A null number is an empty field: the request leaves it out and the engine's default applies. */
export interface TrainFormValues {
  split: SplitChoice;
  kfold: number | null;
  epochs: number | null;
  augment: Record<AugmentName, boolean>;
  head: HeadKind;
  size: ModelSize;
  foldValidation: boolean;
  members: number | null;
  statsRate: number | null;
  jobs: number | null;
  /** '': the engine's default recipe. */
  recipe: RecipeKind | '';
  /** '': the engine's default mode. */
  speakerNorm: SpeakerNormMode | '';
}

function splitOf(spec: string): { split: SplitChoice; kfold: number | null } {
  const k = /^kfold:(\d+)$/.exec(spec);
  if (k) return { split: 'kfold', kfold: Number(k[1]) };
  return {
    split: (SPLIT_CHOICES as readonly string[]).includes(spec) ? (spec as SplitChoice) : 'loso',
    kfold: null,
  };
}

export function defaultFormValues(): TrainFormValues {
  return {
    ...splitOf(TRAINING_DEFAULTS.split),
    epochs: null,
    augment: Object.fromEntries(
      AUGMENT_NAMES.map((a) => [a, TRAINING_DEFAULTS.augment.includes(a)]),
    ) as Record<AugmentName, boolean>,
    head: TRAINING_DEFAULTS.head,
    size: TRAINING_DEFAULTS.size,
    foldValidation: false,
    members: null,
    statsRate: null,
    jobs: null,
    recipe: '',
    speakerNorm: '',
  };
}

/** A whole number in [min, max] from a field, or null for an empty (or cleared) one. */
function whole(v: unknown, min: number, max: number): number | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return null;
  return Math.min(max, Math.max(min, Math.round(v)));
}

/** A whole number from a field as typed, or null for an empty (or cleared) one. */
function typed(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null;
}

/** A field's value as the request carries it (undefined: left out, the engine's default applies). */
function requestValueOf(form: FormField, value: unknown, split: SplitChoice): unknown {
  switch (form.input) {
    case 'number':
      // as typed (whole): a number out of range (epochs -3) goes to the engine, whose refusal the form shows
      if (form.whole) return typed(value) ?? undefined;
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'select':
      return value === '' ? undefined : value;
    case 'check':
      return !form.splits || form.splits.includes(split) ? value === true : undefined;
    case 'own':
      return undefined;
  }
}

/** The form's own fields: the labels, the split with its folds, the augmentations. */
function ownFieldsOf(v: TrainFormValues, labels: CanonicalLabel[]): Partial<TrainRequest> {
  return {
    labels,
    split: v.split === 'kfold' ? `kfold:${whole(v.kfold, 2, 20) ?? TRAINING_DEFAULTS.kfold}` : v.split,
    augment: AUGMENT_NAMES.filter((a) => v.augment[a]),
  };
}

/** What Train sends for these fields, one per form field of TRAINING_OPTIONS; empty fields are left out. */
export function requestOf(v: TrainFormValues, labels: CanonicalLabel[]): TrainRequest {
  const request: Record<string, unknown> = ownFieldsOf(v, labels);
  for (const [key, option] of trainingOptionEntries()) {
    if (!option.form || option.form.input === 'own') continue;
    const value = requestValueOf(option.form, v[formKeyOf(key, option.form)], v.split);
    if (value !== undefined) request[key] = value;
  }
  return request as TrainRequest;
}

/** The name of a TRAINING_OPTIONS entry's field among the form's values. */
export function formKeyOf(key: string, form: FormField): keyof TrainFormValues {
  return (form.field ?? key) as keyof TrainFormValues;
}

const numberIn = (c: Record<string, unknown>, key: string): number | null =>
  typeof c[key] === 'number' && Number.isFinite(c[key]) ? c[key] : null;

function oneOf<T extends string>(list: readonly T[], value: unknown, fallback: T): T {
  return typeof value === 'string' && (list as readonly string[]).includes(value) ? (value as T) : fallback;
}

/**
 * The fields as a run's stored settings (its TrainConfig, or the request it was started with) had them. What
 * the settings do not say keeps the untouched form's value; trainings at once are not stored with the run.
 */
export function formValuesOf(config: Record<string, unknown>): TrainFormValues {
  const base = defaultFormValues();
  const split = typeof config.split === 'string' ? splitOf(config.split) : { split: base.split, kfold: null };
  const augment = Array.isArray(config.augment)
    ? (Object.fromEntries(AUGMENT_NAMES.map((a) => [a, (config.augment as unknown[]).includes(a)])) as Record<
        AugmentName,
        boolean
      >)
    : base.augment;
  return {
    ...split,
    epochs: numberIn(config, 'epochs'),
    augment,
    head: oneOf(HEAD_KINDS, config.head, base.head),
    size: oneOf(MODEL_SIZES, config.size, base.size),
    foldValidation: config.foldValidation === true,
    members: numberIn(config, 'members'),
    statsRate: numberIn(config, 'statsRateScale'),
    jobs: null,
    recipe: oneOf<RecipeKind | ''>(RECIPE_KINDS, config.recipe, ''),
    // Runs made before the modes stored true (the default then) or false (none).
    speakerNorm:
      config.speakerNorm === false
        ? 'none'
        : oneOf<SpeakerNormMode | ''>(SPEAKER_NORM_MODES, config.speakerNorm, ''),
  };
}

/** The labels a run's stored settings trained on, if they say. */
export function labelsOf(config: Record<string, unknown>): string[] | null {
  return Array.isArray(config.labels) && config.labels.every((l) => typeof l === 'string')
    ? (config.labels as string[])
    : null;
}
