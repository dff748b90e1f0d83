import type { BatchSource } from './batch-source.js';
import { buildModel, type ModelSpec } from '../cnn.js';
import type { FeatureBank } from '../feature-bank.js';
import type { LayersModel } from '../tf.js';
import type { BatchItem, TrainBatchPlan } from './train-batch.js';
import {
  trainLoop,
  type BatchProgress,
  type EpochStats,
  type LoopSettings,
  type TrainLoopResult,
} from './train-loop.js';
import { predictBankClips } from '../inference/window-predictions.js';
import { restoreWeights, type WeightSnapshot } from '../weights.js';
import type { WindowPlan } from '../windows.js';

/**
 * One independent training (a fold, the final model, or a candidate recipe on an inner fold), described
 * by plain data only, so the same job can run on the calling thread or be posted to a pool worker. Its
 * seeds are in `spec` and `settings`: the result never depends on which thread runs it, or when.
 */
export interface TrainTask {
  spec: ModelSpec;
  settings: LoopSettings;
  train: BatchItem[];
  val?: { clips: number[]; labels: number[] };
  windows: WindowPlan;
  plan: TrainBatchPlan;
  /** Bank clips to predict with the trained model (its held-out speakers); may be empty. */
  test: number[];
  /** Hand the trained model back (a cancelled job always hands it back, so a cancel can keep it). */
  keepModel: boolean;
}

/** What a job gives back, the same wherever it ran. */
export interface TrainTaskOutcome extends Omit<TrainLoopResult, 'model'> {
  /** Class probabilities of each test clip, in `test` order; empty when cancelled. */
  probs: Float32Array[];
  /** The trained model when `keepModel` or cancelled; otherwise null (already disposed). */
  model: LayersModel | null;
}

/** The same outcome in a form a thread can post: the model as its weights. */
export type PostedOutcome = Omit<TrainTaskOutcome, 'model'> & { weights: WeightSnapshot | null };

export interface JobCallbacks {
  onBatch?: (p: BatchProgress) => void;
  onEpoch?: (e: EpochStats) => void;
  /** Training ended and the test clips are being predicted. */
  onEvaluate?: () => void;
}

/** Runs one job on this thread with this thread's tfjs backend. */
export async function runTrainTask(
  job: TrainTask,
  bank: FeatureBank,
  source: BatchSource,
  signal: AbortSignal | undefined,
  cb: JobCallbacks = {},
): Promise<TrainTaskOutcome> {
  const result = await trainLoop({
    spec: job.spec,
    settings: job.settings,
    bank,
    train: job.train,
    val: job.val,
    windows: job.windows,
    plan: job.plan,
    source,
    signal,
    onBatch: cb.onBatch,
    onEpoch: cb.onEpoch,
  });
  let probs: Float32Array[] = [];
  if (job.test.length > 0 && !result.cancelled) {
    cb.onEvaluate?.();
    probs = predictBankClips(result.model, bank, job.test, job.windows, job.plan.norm, job.spec.classes);
  }
  const keep = job.keepModel || result.cancelled;
  if (!keep) result.model.dispose();
  return {
    history: result.history,
    bestEpoch: result.bestEpoch,
    stoppedEarly: result.stoppedEarly,
    cancelled: result.cancelled,
    clipsSeen: result.clipsSeen,
    trainSeconds: result.trainSeconds,
    probs,
    model: keep ? result.model : null,
  };
}

/** A posted outcome back as a model on this thread: the same architecture from the spec, then its weights. */
export function receiveOutcome(spec: ModelSpec, posted: PostedOutcome): TrainTaskOutcome {
  const { weights, ...rest } = posted;
  let model: LayersModel | null = null;
  if (weights) {
    model = buildModel(spec);
    restoreWeights(model, weights);
  }
  return { ...rest, model };
}
