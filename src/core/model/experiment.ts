import type { EpochRecord, PoolProgress, TrainProgress } from '../../common/contract.js';
import { computeMetrics, type Metrics, type PredictionRow } from '../metrics/index.js';
import type { BackendName } from './backend/select.js';
import type { BatchSource } from './batch-source.js';
import { STATS_BRANCH_LAYERS } from './cnn.js';
import { augmentConfigOf, modelSpecOf, type TrainConfig } from './config.js';
import { bankSpec, type FeatureBank } from './feature-bank.js';
import { trainingPlanOf, type PlannedFold } from './folds.js';
import { fitInputNorm, type InputNorm } from './input-norm.js';
import { tf, type LayersModel } from './tf.js';
import type { BatchItem } from './train-batch.js';
import type { TrainEmitter } from './train-events.js';
import type { TrainTask } from './train-task.js';
import { batchSlices, type EpochStats } from './train-loop.js';
import { loopSeed, weightSeed } from './seeds.js';
import { runTrainTasks, type TrainingPool } from './train-pool.js';
import { argMax } from './validation.js';
import { windowPlanOf } from './windows.js';

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
  const { clips, bank, config, events, signal } = input;
  if (clips.length !== bank.frames.length)
    throw new Error(`${clips.length} clips but ${bank.frames.length} feature entries`);
  const labels = config.labels;
  const { decision, plan } = trainingPlanOf(clips, config, input.skipFinal);
  for (const w of decision.warnings) events?.emit('message', { level: 'warn', text: w });
  const evalFolds = plan.filter((f) => f.fold !== 'final').length;
  const labelIndex = new Map(labels.map((l, k) => [l, k]));
  const item = (i: number): BatchItem => ({ clip: i, label: labelIndex.get(clips[i].label) ?? 0 });

  const windows = windowPlanOf(config);
  const list: TrainTask[] = plan.map((fold, k) => {
    const norm = fitInputNorm(
      fold.train.map((i) => bankSpec(bank, i)),
      config.instanceNorm,
      config,
    );
    return {
      spec: modelSpecOf(config, bank.bins, labels.length, weightSeed(config.seed, k)),
      settings: {
        epochs: config.epochs,
        batchSize: config.batchSize,
        learningRate: config.learningRate,
        schedule: config.schedule,
        patience: config.patience,
        monitor: config.monitor,
        labelSmoothing: config.labelSmoothing,
        weightDecay: config.weightDecay,
        fastLayers: config.inputStats ? STATS_BRANCH_LAYERS : [],
        fastRateScale: config.statsRateScale,
        seed: loopSeed(config.seed, k),
      },
      train: fold.train.map(item),
      val: fold.val.length > 0 ? { clips: fold.val, labels: fold.val.map((i) => item(i).label) } : undefined,
      windows,
      plan: {
        frames: config.cropFrames,
        classes: labels.length,
        classWeights: classWeights(
          fold.train.map((i) => item(i).label),
          labels.length,
          config.classWeights,
        ),
        augment: augmentConfigOf(config),
        augmentProbability: config.augmentProbability,
        featureConfig: config.featureConfig,
        norm,
        mixupAlpha: config.mixupAlpha,
        fill: config.shortClipFill,
      },
      test: fold.test,
      keepModel: fold.fold === 'final' || plan.length === 1,
    };
  });

  const foldPredictions: PredictionRow[][] = plan.map(() => []);
  const started = performance.now();
  const batchesPerEpoch = plan.map((f) => batchSlices(f.train.length, config.batchSize).length);
  const plannedBatches = batchesPerEpoch.reduce((n, b) => n + b * config.epochs, 0);
  // Batches each training has done so far: their sum over the elapsed time gives one ETA for the whole run.
  const batchesDone = plan.map(() => 0);
  const lastVal = plan.map((): Pick<TrainProgress, 'valLoss' | 'valAccuracy' | 'valMacroF1'> => ({
    valLoss: null,
    valAccuracy: null,
    valMacroF1: null,
  }));
  const eta = (): number => {
    const done = batchesDone.reduce((a, b) => a + b, 0);
    const elapsed = (performance.now() - started) / 1000;
    return (elapsed / Math.max(done, 1)) * Math.max(plannedBatches - done, 0);
  };
  const lastEpoch = plan.map(() => 0);
  const foldNumberOf = (k: number) => (plan[k].fold === 'final' ? evalFolds : (plan[k].fold as number));
  let pool: PoolProgress | undefined;
  const progressBase = (
    k: number,
  ): Omit<
    TrainProgress,
    'epoch' | 'batch' | 'batches' | 'loss' | 'accuracy' | 'lr' | 'clipsPerS' | 'etaS'
  > => ({
    runId: input.runId ?? 0,
    phase: plan[k].fold === 'final' ? 'final' : 'training',
    fold: foldNumberOf(k),
    folds: evalFolds,
    epochs: config.epochs,
    ...lastVal[k],
    backend: input.backend,
    ...(pool ? { pool } : {}),
  });

  const outcomes = await runTrainTasks(list, {
    bank,
    jobs: input.jobs ?? 1,
    backend: input.backendName ?? currentBackendName(),
    source: input.source,
    batches: input.poolBatches,
    pool: input.pool,
    signal,
    onState: (s) => {
      pool = { jobs: s.jobs, running: s.running.map(foldNumberOf), done: s.done, queued: s.queued };
    },
    onNote: (text) => events?.emit('message', { level: 'warn', text }),
    onStart: (k) => {
      const fold = plan[k];
      const validation =
        fold.valKind === 'none'
          ? 'no validation hold-out (the whole schedule)'
          : `${fold.val.length} validation clips (${fold.valKind === 'speakers' ? `speakers ${fold.valSpeakers.join(', ')}` : 'a random share of the training clips'})`;
      events?.emit('message', {
        level: 'info',
        text:
          fold.fold === 'final'
            ? `final model on all speakers: ${fold.train.length} training clips, ${validation}`
            : `fold ${foldNumberOf(k) + 1}/${evalFolds}: test speakers ${fold.testSpeakers.join(', ') || '(mixed)'}, ${fold.train.length} training clips, ${validation}`,
      });
    },
    onBatch: (k, p) => {
      batchesDone[k] = p.epoch * batchesPerEpoch[k] + p.batch + 1;
      events?.emit('progress', {
        ...progressBase(k),
        epoch: p.epoch,
        batch: p.batch,
        batches: p.batches,
        loss: p.loss,
        accuracy: p.accuracy,
        lr: p.lr,
        clipsPerS: p.clipsPerS,
        etaS: eta(),
      });
    },
    onEpoch: (k, e) => {
      lastEpoch[k] = e.epoch;
      lastVal[k] = { valLoss: e.valLoss, valAccuracy: e.valAccuracy, valMacroF1: e.valMacroF1 };
      const record: EpochRecord = { fold: foldNumberOf(k), ...e };
      events?.emit('epoch', record);
    },
    onEvaluate: (k) => {
      events?.emit('progress', {
        ...progressBase(k),
        phase: 'evaluating',
        epoch: lastEpoch[k],
        batch: 0,
        batches: 0,
        loss: null,
        accuracy: null,
        lr: null,
        clipsPerS: null,
        // One training's evaluation is a pause in a single run; in a pool the others go on.
        etaS: pool ? eta() : null,
      });
    },
    onDone: (k, outcome) => {
      batchesDone[k] = batchesPerEpoch[k] * config.epochs;
      const fold = plan[k];
      if (fold.test.length === 0 || outcome.cancelled) return;
      const held = fold.test.map((i, n): PredictionRow => {
        const p = Array.from(outcome.probs[n]);
        const top = argMax(p);
        return {
          file: clips[i].file,
          clipId: clips[i].id,
          speaker: clips[i].speaker,
          label: clips[i].label,
          predicted: labels[top],
          confidence: p[top],
          probs: p,
          fold: fold.fold === 'final' ? undefined : fold.fold,
        };
      });
      foldPredictions[k] = held;
      const right = held.filter((p) => p.predicted === p.label).length;
      events?.emit('message', {
        level: 'info',
        text: `fold ${foldNumberOf(k) + 1}/${evalFolds} (${fold.testSpeakers.join(', ') || 'mixed speakers'}): ${right} of ${held.length} held-out clips right (${((100 * right) / held.length).toFixed(1)}%)`,
      });
    },
  });

  // Everything is pooled in fold order, whatever order the trainings finished in.
  const predictions = foldPredictions.flat();
  const curves: FoldCurve[] = [];
  let kept: { model: LayersModel; norm: InputNorm } | null = null;
  let cancelled = false;
  let trainSeconds = 0;
  let clipsSeen = 0;
  for (const [k, outcome] of outcomes.entries()) {
    if (!outcome) {
      cancelled = true;
      continue;
    }
    const fold = plan[k];
    trainSeconds += outcome.trainSeconds;
    clipsSeen += outcome.clipsSeen;
    cancelled ||= outcome.cancelled;
    curves.push({
      fold: fold.fold,
      epochs: outcome.history,
      bestEpoch: outcome.bestEpoch,
      trainClips: fold.train.length,
      valClips: fold.val.length,
      testSpeakers: fold.testSpeakers,
      valKind: fold.valKind,
    });
    // The model to keep: the final one, or the only one of a single split; a cancelled run keeps what it has.
    const keep =
      outcome.model !== null &&
      (fold.fold === 'final' || plan.length === 1 || (outcome.cancelled && kept === null));
    if (keep && outcome.model) {
      kept?.model.dispose();
      kept = { model: outcome.model, norm: list[k].plan.norm };
    } else {
      outcome.model?.dispose();
    }
  }
  // Trainings that overlapped count once: the pool's wall time, so clipsSeen / trainSeconds is the run's pace.
  if (pool) trainSeconds = (performance.now() - started) / 1000;

  const complete = !cancelled && predictions.length > 0;
  return {
    predictions,
    metrics: predictions.length > 0 ? computeMetrics(predictions, labels) : null,
    curves,
    model: kept?.model ?? null,
    norm: kept?.norm ?? null,
    split: decision.split,
    folds: evalFolds,
    warnings: complete
      ? decision.warnings
      : [
          ...decision.warnings,
          ...(cancelled ? ['cancelled: the scores cover only the folds that finished'] : []),
        ],
    cancelled,
    trainSeconds,
    clipsSeen,
  };
}

/** The backend tfjs is using on this thread, as selectBackend names it. */
export function currentBackendName(): BackendName {
  const name = tf.getBackend();
  if (name === 'wasm' || name === 'cpu') return name;
  return 'node';
}

/** Inverse-frequency weights normalised to a mean of 1 over the training clips (all 1 when off). */
export function classWeights(labels: readonly number[], classes: number, on: boolean): number[] {
  if (!on) return new Array<number>(classes).fill(1);
  const counts = new Array<number>(classes).fill(0);
  for (const l of labels) counts[l]++;
  return counts.map((n) => (n > 0 ? labels.length / (classes * n) : 0));
}
