import {
  DEFAULT_AUGMENT,
  DEFAULT_FEATURE_CONFIG,
  type AugmentConfig,
  type FeatureConfig,
  type ShortClipFill,
} from '../features/index.js';
import {
  AUGMENT_NAMES,
  DEFAULT_RECIPE,
  DEFAULT_SPEAKER_NORM,
  MAX_MEMBERS,
  TRAINING_DEFAULTS,
  type AugmentName,
  type BackendPreference,
  type EvalWindows,
  type HeadKind,
  type ModelSize,
  type RecipeKind,
  type SpeakerNormMode,
  type SplitSpec,
} from '../../common/options.js';
import type { ModelSpec } from './cnn.js';
import type { InstanceMode } from './input-norm.js';
import type { StopMonitor } from './training/early-stopping.js';
import { DEFAULT_COSINE, type LrSchedule } from './training/schedules.js';

export { AUGMENT_NAMES, MAX_MEMBERS, type AugmentName, type SplitSpec };
export type BackendChoice = BackendPreference;

/** Everything that decides a training run; saved with the model and the run. */
export interface TrainConfig {
  labels: string[];
  split: SplitSpec;
  epochs: number;
  batchSize: number;
  learningRate: number;
  augment: AugmentName[];
  head: HeadKind;
  size: ModelSize;
  seed: number;
  dropout: number;
  /** Networks trained side by side in one model, their probabilities averaged (1: a single network). */
  members: number;
  /** Feed the classifier the input's per-band mean and std over time besides the conv features. */
  inputStats: boolean;
  /** Model input length in frames (10 ms each); longer clips are cropped in training, windowed in evaluation. */
  cropFrames: number;
  /** Hop between evaluation windows, in frames. */
  windowHopFrames: number;
  /** A clip longer than the input is scored over windows covering it ('sliding') or at its centre only. */
  evalWindows: EvalWindows;
  /**
   * How a clip shorter than the model input fills it: looped ('repeat'), so that statistics over the window are
   * the clip's own, or padded with its silence level, which keeps the clip's length visible to the model.
   * Looping: SAVEE LOSO macro F1 0.788 vs 0.762 (mean of seeds 0-2), TESS 0.600 vs 0.627 (seeds 0-3).
   */
  shortClipFill: ShortClipFill;
  schedule: LrSchedule;
  /** Epochs without a better validation score before early stopping. */
  patience: number;
  /** The validation score that picks the epoch to keep: 'loss' (smooth) or 'f1'. */
  monitor: StopMonitor;
  classWeights: boolean;
  labelSmoothing: number;
  /** L2 penalty on the conv and dense kernels. */
  weightDecay: number;
  /**
   * How much faster than the conv stack the input-statistics branch and the classifier learn. With the peak
   * reference (instanceNorm), LOSO macro F1 over seeds 0-2: 10x gives EmoDB 0.930/0.926, SAVEE 0.784/0.793/0.779,
   * TESS 0.785/0.717/0.713; 5x gives EmoDB 0.917/0.921/0.916, SAVEE 0.782/0.818/0.798, TESS 0.772/0.728/0.716.
   */
  statsRateScale: number;
  mixupAlpha: number;
  /**
   * What each clip's log-mel is measured against before the per-band standardisation: 'peak' makes its
   * loudest value 0 dB (librosa's ref=np.max), so a speaker recorded 20 dB quieter is not another voice to the
   * convolutions. SAVEE's speaker KL is; with 'none', held-out KL went 19/60 and SAVEE LOSO macro F1 0.712 at
   * seed 0 (0.782 with 'peak'), TESS 0.638 (0.772), EmoDB 0.926 (0.917, at the 5x stats rate of then).
   */
  instanceNorm: InstanceMode;
  /** Leading/trailing frames this far below the loudest frame are trimmed (0: keep all). */
  trimDb: number;
  topDb: number;
  /** Chance that each enabled waveform-like augmentation (pitch, stretch, noise) is applied to a clip. */
  augmentProbability: number;
  /** Share of training clips held out for early stopping when there are too few speakers to hold out. */
  valFraction: number;
  /**
   * Hold out validation speakers inside each loso/kfold fold (and the final model) for early stopping.
   * Off by default: there every fold trains its whole cosine schedule on all its training speakers, since
   * on a ten-speaker corpus one more voice to learn from is worth more than stopping on one voice's score
   * (EmoDB LOSO macro F1 over seeds 0-2: 0.911 mean, 0.878-0.949, with; 0.930, 0.925-0.940, without).
   */
  foldValidation: boolean;
  featureConfig: FeatureConfig;
  augmentConfig: AugmentConfig;
  /** What the held-out scores and the saved model use: the CNN, the classic baseline, their fusion, or auto. */
  recipe: RecipeKind;
  /**
   * How the classic model's adapted part standardises a voice it knows (SPEAKER_NORM_MODES): by the voice's own
   * statistics, at training and at test; needs no labels. A voice it does not know is scored by the
   * independent part, and the CNN uses no voice statistics. A corpus whose speakers each show one or two
   * emotions gets none whatever is asked (skew.ts).
   */
  speakerNorm: SpeakerNormMode;
}

export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  labels: ['happy', 'sad', 'neutral'],
  split: TRAINING_DEFAULTS.split,
  epochs: TRAINING_DEFAULTS.epochs,
  batchSize: 32,
  learningRate: 2e-3,
  // measured on EmoDB LOSO: masking alone beat all four augmentations (0.852 vs 0.824 macro F1)
  augment: [...TRAINING_DEFAULTS.augment],
  head: TRAINING_DEFAULTS.head,
  size: TRAINING_DEFAULTS.size,
  seed: 0,
  dropout: 0.3,
  members: TRAINING_DEFAULTS.members,
  inputStats: true,
  cropFrames: 201,
  windowHopFrames: 100,
  evalWindows: 'sliding',
  shortClipFill: 'repeat',
  schedule: DEFAULT_COSINE,
  patience: 6,
  monitor: 'loss',
  classWeights: true,
  labelSmoothing: 0,
  weightDecay: 0,
  statsRateScale: TRAINING_DEFAULTS.statsRateScale,
  mixupAlpha: 0,
  instanceNorm: 'peak',
  trimDb: 0,
  topDb: 80,
  augmentProbability: 0.5,
  valFraction: 0.15,
  foldValidation: false,
  featureConfig: { ...DEFAULT_FEATURE_CONFIG },
  augmentConfig: { ...DEFAULT_AUGMENT },
  // Chosen on all five development corpora at once (bench/accuracy.ts; DESIGN-NOTES.md has the table).
  recipe: DEFAULT_RECIPE,
  speakerNorm: DEFAULT_SPEAKER_NORM,
};

/** The defaults with the given fields replaced (labels, split, epochs, ...). */
export function resolveTrainConfig(overrides: Partial<TrainConfig> = {}): TrainConfig {
  const cfg: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, ...overrides };
  validateTrainConfig(cfg);
  return cfg;
}

export function parseSplit(text: string): SplitSpec {
  const t = text.trim().toLowerCase();
  if (t === 'speaker' || t === 'loso' || t === 'random') return t;
  const m = /^kfold:(\d{1,2})$/.exec(t);
  if (m && Number(m[1]) >= 2) return `kfold:${Number(m[1])}`;
  throw new Error(`unknown split "${text}": use speaker, loso, kfold:K (K >= 2) or random`);
}

export function parseAugment(text: string): AugmentName[] {
  const words = text
    .split(',')
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  if (words.length === 1 && words[0] === 'none') return [];
  for (const w of words) {
    if (!(AUGMENT_NAMES as readonly string[]).includes(w)) {
      throw new Error(`unknown augmentation "${w}": use any of ${AUGMENT_NAMES.join(', ')}, or none`);
    }
  }
  return [...new Set(words)] as AugmentName[];
}

export function validateTrainConfig(cfg: TrainConfig): void {
  const positiveInt = (v: number, what: string) => {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${what} must be a positive integer, got ${v}`);
  };
  positiveInt(cfg.epochs, 'epochs');
  positiveInt(cfg.batchSize, 'batch size');
  positiveInt(cfg.cropFrames, 'crop length');
  positiveInt(cfg.windowHopFrames, 'window hop');
  if (!(cfg.learningRate > 0 && cfg.learningRate <= 1))
    throw new Error(`learning rate must be in (0, 1], got ${cfg.learningRate}`);
  if (!Number.isInteger(cfg.members) || cfg.members < 1 || cfg.members > MAX_MEMBERS)
    throw new Error(`an ensemble has 1 to ${MAX_MEMBERS} members, got ${cfg.members}`);
  if (!(cfg.statsRateScale > 0 && cfg.statsRateScale <= 1000))
    throw new Error(`the statistics branch's rate scale must be in (0, 1000], got ${cfg.statsRateScale}`);
  if (!(cfg.dropout >= 0 && cfg.dropout < 1))
    throw new Error(`dropout must be in [0, 1), got ${cfg.dropout}`);
  if (new Set(cfg.labels).size !== cfg.labels.length)
    throw new Error(`labels repeat: ${cfg.labels.join(', ')}`);
  if (cfg.labels.length < 2) throw new Error('training needs at least two labels in the label set');
  parseSplit(cfg.split);
}

/**
 * The features layer's augmentation switches for the batches of a run. Masking is not among them: it is
 * done inside the model, on the convolutional branch only (see modelSpecOf and layers/spec-mask.ts).
 */
export function augmentConfigOf(cfg: TrainConfig): AugmentConfig {
  const on = new Set(cfg.augment);
  return {
    ...cfg.augmentConfig,
    pitch: on.has('pitch'),
    stretch: on.has('stretch'),
    noise: on.has('noise'),
    mask: false,
  };
}

/** The network a run's settings describe, for inputs of `mels` bands and `classes` outputs. */
export function modelSpecOf(cfg: TrainConfig, mels: number, classes: number, seed: number): ModelSpec {
  return {
    frames: cfg.cropFrames,
    mels,
    classes,
    head: cfg.head,
    size: cfg.size,
    dropout: cfg.dropout,
    inputStats: cfg.inputStats,
    members: cfg.members,
    mask: cfg.augment.includes('mask')
      ? {
          timeMasks: cfg.augmentConfig.timeMasks,
          timeMaskMax: cfg.augmentConfig.timeMaskMax,
          freqMasks: cfg.augmentConfig.freqMasks,
          freqMaskMax: cfg.augmentConfig.freqMaskMax,
        }
      : null,
    seed,
  };
}
