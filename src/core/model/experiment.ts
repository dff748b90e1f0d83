import type { EpochRecord, TrainProgress } from '../../common/contract.js';
import { computeMetrics, type Metrics, type PredictionRow } from '../metrics/index.js';
import type { BatchSource } from './batch-source.js';
import { STATS_BRANCH_LAYERS } from './cnn.js';
import { augmentConfigOf, modelSpecOf, type TrainConfig } from './config.js';
import { bankSpec, type FeatureBank } from './feature-bank.js';
import { planFolds, type PlannedFold } from './folds.js';
import { fitInputNorm, type InputNorm } from './input-norm.js';
import { decideSplit } from './refusals.js';
import type { LayersModel } from './tf.js';
import type { BatchItem, TrainBatchPlan } from './train-batch.js';
import type { TrainEmitter } from './train-events.js';
import { batchSlices, trainLoop, type EpochStats } from './train-loop.js';
import { argMax, predictBankClips } from './validation.js';
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
  const usable = clips.map((c, i) => ({ c, i })).filter(({ c }) => labels.includes(c.label));
  const decision = decideSplit(
    usable.map(({ c }) => c),
    labels,
    config.split,
  );
  for (const w of decision.warnings) events?.emit('message', { level: 'warn', text: w });
  const rows = usable.map(({ c, i }) => ({ id: i, speaker: c.speaker, label: c.label }));
  const folded = decision.split === 'loso' || decision.split.startsWith('kfold:');
  const valFraction = folded && !config.foldValidation ? 0 : config.valFraction;
  const plan = planFolds(rows, decision.split, config.seed, valFraction).filter(
    (f) => !input.skipFinal || f.fold !== 'final',
  );
  const evalFolds = plan.filter((f) => f.fold !== 'final').length;
  const labelIndex = new Map(labels.map((l, k) => [l, k]));
  const item = (i: number): BatchItem => ({ clip: i, label: labelIndex.get(clips[i].label) ?? 0 });

  const predictions: PredictionRow[] = [];
  const curves: FoldCurve[] = [];
  let kept: { model: LayersModel; norm: InputNorm } | null = null;
  let cancelled = false;
  let trainSeconds = 0;
  let clipsSeen = 0;
  const started = performance.now();
  const plannedBatches = plan.reduce(
    (n, f) => n + batchSlices(f.train.length, config.batchSize).length * config.epochs,
    0,
  );
  let batchesBefore = 0;

  for (const [k, fold] of plan.entries()) {
    if (cancelled) break;
    const foldNumber = fold.fold === 'final' ? evalFolds : fold.fold;
    const phase: TrainProgress['phase'] = fold.fold === 'final' ? 'final' : 'training';
    const norm = fitInputNorm(
      fold.train.map((i) => bankSpec(bank, i)),
      config.instanceNorm,
      config,
    );
    const batchPlan: TrainBatchPlan = {
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
    };
    const windows = windowPlanOf(config);
    const batchesPerEpoch = batchSlices(fold.train.length, config.batchSize).length;
    const progressBase = (): Omit<
      TrainProgress,
      'epoch' | 'batch' | 'batches' | 'loss' | 'accuracy' | 'lr' | 'clipsPerS' | 'etaS'
    > => ({
      runId: input.runId ?? 0,
      phase,
      fold: foldNumber,
      folds: evalFolds,
      epochs: config.epochs,
      valLoss: null,
      valAccuracy: null,
      valMacroF1: null,
      backend: input.backend,
    });
    let lastVal: Pick<TrainProgress, 'valLoss' | 'valAccuracy' | 'valMacroF1'> = {
      valLoss: null,
      valAccuracy: null,
      valMacroF1: null,
    };
    const validation =
      fold.valKind === 'none'
        ? 'no validation hold-out (the whole schedule)'
        : `${fold.val.length} validation clips (${fold.valKind === 'speakers' ? `speakers ${fold.valSpeakers.join(', ')}` : 'a random share of the training clips'})`;
    events?.emit('message', {
      level: 'info',
      text:
        fold.fold === 'final'
          ? `final model on all speakers: ${fold.train.length} training clips, ${validation}`
          : `fold ${foldNumber + 1}/${evalFolds}: test speakers ${fold.testSpeakers.join(', ') || '(mixed)'}, ${fold.train.length} training clips, ${validation}`,
    });
    const result = await trainLoop({
      spec: modelSpecOf(config, bank.bins, labels.length, config.seed * 7 + k),
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
        seed: config.seed * 7919 + k,
      },
      bank,
      train: fold.train.map(item),
      val: fold.val.length > 0 ? { clips: fold.val, labels: fold.val.map((i) => item(i).label) } : undefined,
      windows,
      plan: batchPlan,
      source: input.source,
      signal,
      onBatch: (p) => {
        const done = batchesBefore + p.epoch * batchesPerEpoch + p.batch + 1;
        const elapsed = (performance.now() - started) / 1000;
        events?.emit('progress', {
          ...progressBase(),
          ...lastVal,
          epoch: p.epoch,
          batch: p.batch,
          batches: p.batches,
          loss: p.loss,
          accuracy: p.accuracy,
          lr: p.lr,
          clipsPerS: p.clipsPerS,
          etaS: (elapsed / done) * Math.max(plannedBatches - done, 0),
        });
      },
      onEpoch: (e) => {
        lastVal = { valLoss: e.valLoss, valAccuracy: e.valAccuracy, valMacroF1: e.valMacroF1 };
        const record: EpochRecord = { fold: foldNumber, ...e };
        events?.emit('epoch', record);
      },
    });
    batchesBefore += batchesPerEpoch * config.epochs;
    trainSeconds += result.trainSeconds;
    clipsSeen += result.clipsSeen;
    cancelled = result.cancelled;
    curves.push({
      fold: fold.fold,
      epochs: result.history,
      bestEpoch: result.bestEpoch,
      trainClips: fold.train.length,
      valClips: fold.val.length,
      testSpeakers: fold.testSpeakers,
      valKind: fold.valKind,
    });
    if (fold.test.length > 0 && !cancelled) {
      events?.emit('progress', {
        ...progressBase(),
        ...lastVal,
        phase: 'evaluating',
        epoch: result.bestEpoch,
        batch: 0,
        batches: 0,
        loss: null,
        accuracy: null,
        lr: null,
        clipsPerS: null,
        etaS: null,
      });
      const probs = predictBankClips(result.model, bank, fold.test, windows, norm, labels.length);
      fold.test.forEach((i, n) => {
        const p = Array.from(probs[n]);
        const top = argMax(p);
        predictions.push({
          file: clips[i].file,
          clipId: clips[i].id,
          speaker: clips[i].speaker,
          label: clips[i].label,
          predicted: labels[top],
          confidence: p[top],
          probs: p,
          fold: fold.fold === 'final' ? undefined : fold.fold,
        });
      });
      const held = predictions.slice(-fold.test.length);
      const right = held.filter((p) => p.predicted === p.label).length;
      events?.emit('message', {
        level: 'info',
        text: `fold ${foldNumber + 1}/${evalFolds} (${fold.testSpeakers.join(', ') || 'mixed speakers'}): ${right} of ${held.length} held-out clips right (${((100 * right) / held.length).toFixed(1)}%)`,
      });
    }
    // The model to keep: the final one, or the only one of a single split; a cancelled run keeps what it has.
    const keep = fold.fold === 'final' || plan.length === 1 || (cancelled && kept === null);
    if (keep) {
      kept?.model.dispose();
      kept = { model: result.model, norm };
    } else {
      result.model.dispose();
    }
  }

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

/** Inverse-frequency weights normalised to a mean of 1 over the training clips (all 1 when off). */
export function classWeights(labels: readonly number[], classes: number, on: boolean): number[] {
  if (!on) return new Array<number>(classes).fill(1);
  const counts = new Array<number>(classes).fill(0);
  for (const l of labels) counts[l]++;
  return counts.map((n) => (n > 0 ? labels.length / (classes * n) : 0));
}
