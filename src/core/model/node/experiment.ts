import { computeMetrics, type Metrics, type PredictionRow } from '../../metrics/index.js';
import type { BackendName } from '../backend/node/select.js';
import type { BatchSource } from '../batch-source.js';
import type { TrainConfig } from '../config.js';
import { heldOutPredictions, experimentWarnings, poolOutcomes } from './experiment-outcomes.js';
import { ExperimentReporter } from './experiment-reporter.js';
import { trainTasksOf } from './experiment-tasks.js';
import type { FeatureBank } from '../feature-bank.js';
import { trainingPlanOf, type PlannedFold } from '../folds.js';
import type { InputNorm } from '../input-norm.js';
import { tf, type LayersModel } from '../tf.js';
import type { TrainEmitter } from '../train-events.js';
import type { EpochStats } from '../train-loop.js';
import { runTrainTasks, type TrainingPool } from './train-pool.js';

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

/**
 * Runs the trainings a split asks for and pools what the held-out speakers got. Every fold fits its
 * normalisation on its own training clips, trains with early stopping on its validation clips and predicts
 * its test clips over sliding windows; loso and kfold then train the model to keep on every speaker.
 */
export async function runExperiment(input: ExperimentInput): Promise<ExperimentResult> {
  const { clips, bank, config, events } = input;
  if (clips.length !== bank.frames.length)
    throw new Error(`${clips.length} clips but ${bank.frames.length} feature entries`);
  const { decision, plan } = trainingPlanOf(clips, config, input.skipFinal);
  for (const w of decision.warnings) events?.emit('message', { level: 'warn', text: w });
  const list = trainTasksOf(plan, clips, bank, config);
  const foldPredictions: PredictionRow[][] = plan.map(() => []);
  const reporter = new ExperimentReporter(plan, config, input);
  const outcomes = await runTrainTasks(list, {
    bank,
    jobs: input.jobs ?? 1,
    backend: input.backendName ?? currentBackendName(),
    source: input.source,
    batches: input.poolBatches,
    pool: input.pool,
    signal: input.signal,
    onState: (s) => reporter.onState(s),
    onNote: (text) => reporter.onNote(text),
    onStart: (k) => reporter.onStart(k),
    onBatch: (k, p) => reporter.onBatch(k, p),
    onEpoch: (k, e) => reporter.onEpoch(k, e),
    onEvaluate: (k) => reporter.onEvaluate(k),
    onDone: (k, outcome) => {
      reporter.onDone(k);
      if (plan[k].test.length === 0 || outcome.cancelled) return;
      foldPredictions[k] = heldOutPredictions(plan[k], outcome.probs, clips, config.labels);
      reporter.onHeldOut(k, foldPredictions[k]);
    },
  });
  // Everything is pooled in fold order, whatever order the trainings finished in.
  const predictions = foldPredictions.flat();
  const { curves, kept, cancelled, trainSeconds, clipsSeen } = poolOutcomes(outcomes, plan, list);
  return {
    predictions,
    metrics: predictions.length > 0 ? computeMetrics(predictions, config.labels) : null,
    curves,
    model: kept?.model ?? null,
    norm: kept?.norm ?? null,
    split: decision.split,
    folds: reporter.evalFolds,
    warnings: experimentWarnings(decision.warnings, !cancelled && predictions.length > 0, cancelled),
    cancelled,
    // Trainings that overlapped count once: the pool's wall time, so clipsSeen / trainSeconds is the run's pace.
    trainSeconds: reporter.pooled ? reporter.elapsedSeconds() : trainSeconds,
    clipsSeen,
  };
}

/** The backend tfjs is using on this thread, as selectBackend names it. */
export function currentBackendName(): BackendName {
  const name = tf.getBackend();
  if (name === 'wasm' || name === 'cpu') return name;
  return 'node';
}

export { classWeights } from './experiment-tasks.js';
