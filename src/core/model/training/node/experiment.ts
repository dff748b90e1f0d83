import { computeMetrics, type PredictionRow } from '../../../metrics/index.js';
import type { BackendName } from '../../backend/node/select.js';
import { heldOutPredictions, experimentWarnings, poolOutcomes } from './experiment-outcomes.js';
import { ExperimentReporter } from './experiment-reporter.js';
import { trainTasksOf } from './experiment-tasks.js';
import { trainingPlanOf } from '../folds.js';
import { tf } from '../../tf.js';
import { runTrainTasks } from './train-pool.js';

export type { ExperimentClip, ExperimentInput, ExperimentResult, FoldCurve } from './experiment-types.js';
import type { ExperimentInput, ExperimentResult } from './experiment-types.js';

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
