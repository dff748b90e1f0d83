import type { Metrics, PredictionRow } from '../../../metrics/index.js';
import type { BackendName } from '../../backend/node/select.js';
import type { BatchSource } from '../batch-source.js';
import type { TrainConfig } from '../../config.js';
import type { FeatureBank } from '../../feature-bank.js';
import type { PlannedFold } from '../folds.js';
import type { InputNorm } from '../../input-norm.js';
import type { LayersModel } from '../../tf.js';
import type { TrainEmitter } from '../train-events.js';
import type { EpochStats } from '../train-loop.js';
import type { TrainingPool } from './train-pool.js';

// What an experiment takes and gives, apart from runExperiment, so its steps can name them without a cycle.

/** A clip as an experiment sees it: clip i's log-mel is bank entry i. */
export interface ExperimentClip {
  id: number;
  file: string;
  speaker: string;
  label: string;
}

export interface ExperimentInput {
  clips: readonly ExperimentClip[];
  /** Log-mel of every clip, through prepareLogMel with the config's trimDb and topDb. */
  bank: FeatureBank;
  config: TrainConfig;
  source: BatchSource;
  /** Shown with progress, e.g. 'wasm (SIMD, 1 thread)'. */
  backend: string;
  runId?: number;
  events?: TrainEmitter;
  signal?: AbortSignal;
  /** Only the evaluation folds, no final model (for measuring a recipe; nothing to save). */
  skipFinal?: boolean;
  /**
   * Trainings (folds and the final model) that may run at once, each in a worker thread with its own
   * backend (default 1: one after another on this thread). The results are the same either way.
   */
  jobs?: number;
  /** The backend the pool's workers select (default: the one this thread's tfjs is using). */
  backendName?: BackendName;
  /** How each pool worker makes its batches (default: a batch worker of its own). */
  poolBatches?: 'worker' | 'inline';
  /** A pool already started, used instead of starting one (and not closed): its size replaces `jobs`. */
  pool?: TrainingPool;
}

export interface FoldCurve {
  fold: number | 'final';
  epochs: EpochStats[];
  bestEpoch: number;
  trainClips: number;
  valClips: number;
  testSpeakers: string[];
  valKind: PlannedFold['valKind'];
}

export interface ExperimentResult {
  /** Held-out predictions: the test part of a speaker/random split, or every clip once over the folds. */
  predictions: PredictionRow[];
  metrics: Metrics | null;
  curves: FoldCurve[];
  /** The model to keep (the final one for loso/kfold), with the normalisation it was trained with. */
  model: LayersModel | null;
  norm: InputNorm | null;
  split: TrainConfig['split'];
  folds: number;
  warnings: string[];
  cancelled: boolean;
  trainSeconds: number;
  clipsSeen: number;
}
