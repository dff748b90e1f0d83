import { z } from 'zod';
import type { FeatureConfig, ShortClipFill } from '../features/index.js';
import type { Metrics } from '../metrics/index.js';
import type { ClassicModel } from '../classic/index.js';
import type { TrainConfig } from './config.js';
import {
  EVAL_WINDOWS,
  FIXED_RECIPES,
  FIXED_SPEAKER_NORMS,
  type EvalWindows,
  type FixedRecipe,
  type FixedSpeakerNorm,
} from '../../common/options.js';
import { INSTANCE_MODES, type InputNorm, type InstanceMode } from './input-norm.js';
import { assertMetaShapes } from './model-meta-shapes.js';
import type { LayersModel } from './tf.js';

export const MODEL_META_FILE = 'studio-model.json';
export const MODEL_JSON_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';
export const MODEL_FORMAT = 'emotion-studio-model';
export const MODEL_VERSION = 2;

/** studio-model.json: everything besides the weights that predicting with the model, or citing it, needs. */
export interface StudioModelMeta {
  format: typeof MODEL_FORMAT;
  /** 2: the classic part scores a voice both ways (independent and adapted); 1 files are read and upgraded. */
  version: typeof MODEL_VERSION;
  /** Output order of the model's softmax. */
  labels: string[];
  featureConfig: FeatureConfig;
  /** Model input length and the hop of the windows long clips are scored over, in frames. */
  cropFrames: number;
  windowHopFrames: number;
  /** How clips shorter than a window fill it; absent in models saved before it was a choice ('silence'). */
  shortClipFill?: ShortClipFill;
  /** How a clip longer than a window is scored; absent in models saved before it was a choice ('sliding'). */
  evalWindows?: EvalWindows;
  norm: InputNorm;
  training: TrainConfig;
  split: string;
  folds: number;
  backend: string;
  datasetFingerprint: string | null;
  /** Held-out scores of the run that made it (pooled over folds for loso/kfold). */
  metrics: Metrics | null;
  runId: number | null;
  createdAt: string;
  /** How the CNN and the classic baseline combine; absent in models saved before recipes (the CNN alone). */
  recipe?: ModelRecipe;
}

/** studio-model.json's recipe: what a prediction averages, and what it knows of voices. */
export interface ModelRecipe {
  kind: FixedRecipe;
  /** What the classic part standardises a known voice with ('none': the model uses no voice statistics). */
  speakerNorm: FixedSpeakerNorm;
  /**
   * Models saved before voices were scored both ways standardised the CNN's log-mel per speaker too: the
   * instance step done before that, and the training population's bands a clip is measured against. Null
   * (and 'none') in newer models, whose CNN uses no voice statistics.
   */
  instance: InstanceMode;
  populationBands: { mean: number[]; std: number[] } | null;
  classic: ClassicModel | null;
  /** The temperature the fusion softens the CNN's probabilities at (absent in models saved before: 1). */
  cnnTemperature?: number;
}

export interface LoadedModel {
  model: LayersModel;
  meta: StudioModelMeta;
}

const featureConfigSchema = z.object({
  sampleRate: z.number().positive(),
  nFft: z.number().int().positive(),
  winLength: z.number().int().positive(),
  hopLength: z.number().int().positive(),
  nMels: z.number().int().positive(),
  fmin: z.number().nonnegative(),
  fmax: z.number().positive(),
  nMfcc: z.number().int().positive(),
});

const logisticSchema = z.object({
  classes: z.number().int().min(2),
  dims: z.number().int().positive(),
  mean: z.array(z.number()),
  std: z.array(z.number()),
  weights: z.array(z.number()),
  bias: z.array(z.number()),
});

const classicSchema = z.object({
  kind: z.literal('logistic'),
  independent: logisticSchema.nullable(),
  independentStats: z.array(z.number().int().nonnegative()).optional(),
  adapted: z
    .object({
      mode: z.enum(['mean', 'full', 'shrink']),
      population: z.object({
        mean: z.array(z.number()),
        within: z.array(z.number()),
        between: z.array(z.number()),
        speakers: z.number().int().nonnegative(),
      }),
      halfWeightClips: z.number().nonnegative(),
      logistic: logisticSchema,
    })
    .nullable(),
});

/** The classic part as version 1 saved it: one model, standardised per speaker or not. */
const legacyClassicSchema = z.object({
  kind: z.literal('logistic'),
  speakerNorm: z.boolean(),
  population: z.object({ mean: z.array(z.number()), std: z.array(z.number()) }),
  logistic: logisticSchema,
});

const metaSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.union([z.literal(1), z.literal(MODEL_VERSION)]),
  labels: z.array(z.string().min(1)).min(2),
  featureConfig: featureConfigSchema,
  cropFrames: z.number().int().positive(),
  windowHopFrames: z.number().int().positive(),
  shortClipFill: z.enum(['silence', 'repeat']).optional(),
  evalWindows: z.enum(EVAL_WINDOWS).optional(),
  norm: z.object({
    trimDb: z.number().nonnegative(),
    topDb: z.number().nonnegative(),
    instance: z.enum(INSTANCE_MODES),
    mean: z.array(z.number()),
    std: z.array(z.number()),
  }),
  training: z.record(z.string(), z.unknown()),
  split: z.string(),
  folds: z.number().int().nonnegative(),
  backend: z.string(),
  datasetFingerprint: z.string().nullable(),
  metrics: z.record(z.string(), z.unknown()).nullable(),
  runId: z.number().int().nullable(),
  createdAt: z.string(),
  recipe: z
    .object({
      kind: z.enum(FIXED_RECIPES),
      speakerNorm: z.union([z.enum(FIXED_SPEAKER_NORMS), z.boolean()]),
      instance: z.enum(INSTANCE_MODES),
      populationBands: z.object({ mean: z.array(z.number()), std: z.array(z.number()) }).nullable(),
      classic: z.union([classicSchema, legacyClassicSchema]).nullable(),
      cnnTemperature: z.number().finite().positive().optional(),
    })
    .optional(),
});

/** Validates a parsed studio-model.json; the error names the file and the first bad field. */
export function parseModelMeta(value: unknown, where = MODEL_META_FILE): StudioModelMeta {
  const r = metaSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(
      `${where} is not an Emotion Studio model description (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'})`,
    );
  }
  assertMetaShapes(r.data, where);
  const meta = upgradeMeta(r.data);
  if (
    meta.norm.mean.length !== meta.featureConfig.nMels ||
    meta.norm.std.length !== meta.featureConfig.nMels
  ) {
    throw new Error(
      `${where}: normalisation has ${meta.norm.mean.length} bands, the features ${meta.featureConfig.nMels}`,
    );
  }
  return meta;
}

type ParsedMeta = z.infer<typeof metaSchema>;

/**
 * A version 1 description in today's terms: its classic model was either independent (no speaker
 * standardisation) or adapted with the voice's mean and spread and no independent part (so the adapted part
 * always decides, measured against the pooled training clips when the voice is unknown, as it was).
 */
function upgradeMeta(parsed: ParsedMeta): StudioModelMeta {
  const recipe = parsed.recipe;
  const meta = { ...parsed, version: MODEL_VERSION } as unknown as StudioModelMeta;
  if (!recipe) return meta;
  const classic = recipe.classic;
  const speakerNorm: FixedSpeakerNorm =
    typeof recipe.speakerNorm === 'boolean' ? (recipe.speakerNorm ? 'full' : 'none') : recipe.speakerNorm;
  let upgraded: ClassicModel | null = null;
  if (classic && 'logistic' in classic && 'speakerNorm' in classic) {
    upgraded = classic.speakerNorm
      ? {
          kind: 'logistic',
          independent: null,
          adapted: {
            mode: 'full',
            population: {
              mean: classic.population.mean,
              within: classic.population.std,
              between: classic.population.std,
              speakers: 0,
            },
            halfWeightClips: 0,
            logistic: classic.logistic,
          },
        }
      : { kind: 'logistic', independent: classic.logistic, adapted: null };
  } else if (classic) upgraded = classic as ClassicModel;
  meta.recipe = { ...recipe, speakerNorm, classic: upgraded };
  return meta;
}

/** A clear error when a model's classes are not the ones asked for (order matters only for display). */
export function assertSameLabels(meta: StudioModelMeta, wanted: readonly string[], whose: string): void {
  const a = [...meta.labels].sort().join(',');
  const b = [...wanted].sort().join(',');
  if (a !== b) {
    throw new Error(
      `the model was trained on the labels ${meta.labels.join(', ')}, but ${whose} uses ${wanted.join(', ')}; train a model on this label set, or pick another model with --model`,
    );
  }
}
