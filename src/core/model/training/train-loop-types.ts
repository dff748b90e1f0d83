import type { EpochRecord } from '../../../common/contract.js';
import type { BatchSource } from './batch-source.js';
import type { ModelSpec } from '../cnn.js';
import type { StopMonitor } from './early-stopping.js';
import type { FeatureBank } from '../feature-bank.js';
import type { LrSchedule } from './schedules.js';
import type { LayersModel } from '../tf.js';
import type { BatchItem, TrainBatchPlan } from './train-batch.js';
import type { WindowPlan } from '../windows.js';

// What a training loop takes and gives, apart from trainLoop, so its steps can name them without a cycle.

export interface LoopSettings {
  epochs: number;
  batchSize: number;
  learningRate: number;
  schedule: LrSchedule;
  /** Epochs without a better validation score before stopping; 0 disables early stopping. */
  patience: number;
  /** Which validation score picks the best epoch (default: the loss). */
  monitor?: StopMonitor;
  labelSmoothing: number;
  /** L2 penalty on every conv and dense kernel (not biases or batch norm), added to the loss. */
  weightDecay?: number;
  /**
   * Layers (by name) that learn at `fastRateScale` times the scheduled rate, with an optimiser of their own:
   * a shallow branch on clip statistics converges far slower than the conv stack at the rate that suits it.
   */
  fastLayers?: readonly string[];
  fastRateScale?: number;
  seed: number;
}

export interface BatchProgress {
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
  accuracy: number;
  lr: number;
  clipsPerS: number;
  /** Seconds left in this training, from the pace so far. */
  etaS: number;
}

/** One epoch's scores, as the contract records them for a fold. */
export type EpochStats = Omit<EpochRecord, 'fold'>;

export interface TrainLoopInput {
  spec: ModelSpec;
  settings: LoopSettings;
  bank: FeatureBank;
  train: readonly BatchItem[];
  /** Validation clips (bank indices) and their class indices; none = train for all epochs. */
  val?: { clips: number[]; labels: number[] };
  /** How validation clips are windowed (their normalisation is the plan's). */
  windows: WindowPlan;
  plan: TrainBatchPlan;
  source: BatchSource;
  signal?: AbortSignal;
  onBatch?: (p: BatchProgress) => void;
  onEpoch?: (e: EpochStats) => void;
}

export interface TrainLoopResult {
  model: LayersModel;
  history: EpochStats[];
  /** Epoch (0-based) whose weights the model holds; the last epoch run when there is no validation. */
  bestEpoch: number;
  stoppedEarly: boolean;
  cancelled: boolean;
  clipsSeen: number;
  trainSeconds: number;
}
