import type { EpochRecord } from '../../common/contract.js';
import { createRng } from '../util/random.js';
import type { BatchSource } from './batch-source.js';
import { buildModel, logitsView, memberlessName, type ModelSpec } from './cnn.js';
import { EarlyStopping, type StopMonitor } from './early-stopping.js';
import type { FeatureBank } from './feature-bank.js';
import { batchSeed, shuffleSeed } from './seeds.js';
import { createRateController, type LrSchedule } from './schedules.js';
import { tf, type LayersModel, type Scalar, type Tensor, type Variable } from './tf.js';
import type { BatchItem, TrainBatch, TrainBatchPlan } from './train-batch.js';
import { clipScores, predictBankClips } from './validation.js';
import type { WindowPlan } from './windows.js';
import { restoreWeights, snapshotWeights, type WeightSnapshot } from './weights.js';

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

/** Splits n shuffled items into batches of nearly equal size, none larger than batchSize. */
export function batchSlices(n: number, batchSize: number): Array<[number, number]> {
  const count = Math.max(1, Math.ceil(n / batchSize));
  const out: Array<[number, number]> = [];
  for (let b = 0; b < count; b++) out.push([Math.floor((b * n) / count), Math.floor(((b + 1) * n) / count)]);
  return out.filter(([s, e]) => e > s);
}

type Adam = ReturnType<typeof tf.train.adam>;
function setRate(optimizer: Adam, lr: number): void {
  // tfjs reads the field at every step but declares it protected.
  (optimizer as unknown as { learningRate: number }).learningRate = lr;
}

/** The trainable variables, split into groups that each have their own optimiser and rate scale. */
interface ParamGroup {
  variables: Variable[];
  optimizer: Adam;
  scale: number;
}

function paramGroups(model: LayersModel, settings: LoopSettings): ParamGroup[] {
  const fast = new Set(settings.fastLayers ?? []);
  const scale = settings.fastRateScale ?? 1;
  const isFast = (name: string) => scale !== 1 && fast.has(memberlessName(name.split('/')[0]));
  const all = model.trainableWeights;
  const parts = [
    { weights: all.filter((w) => !isFast(w.originalName)), scale: 1 },
    { weights: all.filter((w) => isFast(w.originalName)), scale },
  ];
  // An optimiser holds tensors from its birth: make one only for a group that has variables.
  return parts
    .filter((p) => p.weights.length > 0)
    .map((p) => ({
      variables: p.weights.map((w) => w.read() as Variable),
      optimizer: tf.train.adam(settings.learningRate * p.scale),
      scale: p.scale,
    }));
}

/**
 * Trains one model: weighted (and label-smoothed) cross-entropy on soft targets, Adam with a scheduled
 * rate, batches made by `source` one ahead of the step that uses them, validation after every epoch with
 * early stopping that restores the best epoch's weights. A cancel (signal) stops after the current batch
 * and also keeps the best weights seen.
 */
export async function trainLoop(input: TrainLoopInput): Promise<TrainLoopResult> {
  const { spec, settings, train, source, signal } = input;
  if (train.length === 0) throw new Error('no training clips');
  source.setPlan(input.plan);
  const model = buildModel(spec);
  const logits = logitsView(model);
  const groups = paramGroups(logits, settings);
  const rate = createRateController(settings.learningRate, settings.epochs, settings.schedule);
  const stopper =
    input.val && settings.patience > 0
      ? new EarlyStopping(settings.patience, 0, settings.monitor ?? 'loss')
      : null;
  const history: EpochStats[] = [];
  const shuffleRng = createRng(shuffleSeed(settings.seed));
  const slices = batchSlices(train.length, settings.batchSize);
  const totalBatches = slices.length * settings.epochs;
  let best: WeightSnapshot | null = null;
  let bestEpoch = -1;
  let stoppedEarly = false;
  let cancelled = false;
  let clipsSeen = 0;
  let batchesDone = 0;
  const started = performance.now();

  try {
    for (let epoch = 0; epoch < settings.epochs && !cancelled; epoch++) {
      const order = shuffleRng.shuffle([...train]);
      const epochStart = performance.now();
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      let lr = rate.rateAt(epoch);
      let pending: Promise<TrainBatch> | null = source.prepare(
        order.slice(...slices[0]),
        batchSeed(settings.seed, epoch, 0),
      );
      for (let b = 0; b < slices.length; b++) {
        const batch: TrainBatch = await (pending as Promise<TrainBatch>);
        pending =
          b + 1 < slices.length
            ? source.prepare(order.slice(...slices[b + 1]), batchSeed(settings.seed, epoch, b + 1))
            : null;
        lr = rate.rateAt(epoch + b / slices.length);
        for (const g of groups) setRate(g.optimizer, lr * g.scale);
        const step = trainStep(
          logits,
          groups,
          batch,
          spec,
          settings.labelSmoothing,
          settings.weightDecay ?? 0,
        );
        lossSum += step.loss * batch.size;
        correct += step.correct;
        seen += batch.size;
        clipsSeen += batch.size;
        batchesDone++;
        const elapsed = (performance.now() - started) / 1000;
        input.onBatch?.({
          epoch,
          batch: b,
          batches: slices.length,
          loss: lossSum / seen,
          accuracy: correct / seen,
          lr,
          clipsPerS: seen / Math.max((performance.now() - epochStart) / 1000, 1e-9),
          etaS: (elapsed / batchesDone) * (totalBatches - batchesDone),
        });
        if (signal?.aborted) {
          cancelled = true;
          // Let a batch already being made finish, so the source is idle when the caller closes it.
          await pending?.catch(() => undefined);
          break;
        }
      }
      const clipsPerS = seen / Math.max((performance.now() - epochStart) / 1000, 1e-9);
      let valStats: { loss: number; accuracy: number; macroF1: number } | null = null;
      if (input.val && !cancelled) {
        const probs = predictBankClips(
          model,
          input.bank,
          input.val.clips,
          input.windows,
          input.plan.norm,
          spec.classes,
        );
        valStats = clipScores(probs, input.val.labels, spec.classes);
      }
      rate.endEpoch(valStats?.loss ?? null);
      const stats: EpochStats = {
        epoch,
        loss: lossSum / Math.max(seen, 1),
        accuracy: correct / Math.max(seen, 1),
        valLoss: valStats?.loss ?? null,
        valAccuracy: valStats?.accuracy ?? null,
        valMacroF1: valStats?.macroF1 ?? null,
        lr,
        clipsPerS,
      };
      history.push(stats);
      input.onEpoch?.(stats);
      if (stopper && valStats) {
        if (stopper.update(epoch, { macroF1: valStats.macroF1, loss: valStats.loss })) {
          best = snapshotWeights(model);
          bestEpoch = epoch;
        }
        if (stopper.shouldStop(epoch)) {
          stoppedEarly = true;
          break;
        }
      }
    }
    if (best) restoreWeights(model, best);
    else bestEpoch = history.length - 1;
  } finally {
    for (const g of groups) g.optimizer.dispose();
  }
  return {
    model,
    history,
    bestEpoch,
    stoppedEarly,
    cancelled,
    clipsSeen,
    trainSeconds: (performance.now() - started) / 1000,
  };
}

/** Each row of `t` (first axis) `times` times in a row: [n, ...] to [n * times, ...]. */
function repeatRows(t: Tensor, times: number): Tensor {
  if (times === 1) return t;
  const inner = t.shape.slice(1);
  const tiled = tf.tile(tf.expandDims(t, 1), [1, times, ...inner.map(() => 1)]);
  return tf.reshape(tiled, [t.shape[0] * times, ...inner]);
}

/** One optimiser step; returns the batch's mean loss and how many examples the model got right. */
function trainStep(
  logitsModel: LayersModel,
  groups: readonly ParamGroup[],
  batch: TrainBatch,
  spec: ModelSpec,
  labelSmoothing: number,
  weightDecay: number,
): { loss: number; correct: number } {
  const kernels =
    weightDecay > 0
      ? logitsModel.trainableWeights.filter((w) => /kernel/.test(w.originalName ?? w.name))
      : [];
  const members = spec.members ?? 1;
  let predicted: Tensor | null = null;
  const x = tf.tensor4d(batch.x, [batch.size, spec.frames, spec.mels, 1]);
  const y = tf.tensor2d(batch.y, [batch.size, spec.classes]);
  const w = tf.tensor1d(batch.w);
  try {
    const { value: loss, grads } = tf.variableGrads(
      () => {
        const out = logitsModel.apply(x, { training: true }) as Tensor;
        // [batch, members * classes]: each member's logits count as rows of their own, so every member
        // learns from its own loss on every example; the prediction is their mean.
        const perMember = tf.reshape(out, [batch.size, members, spec.classes]);
        predicted = tf.keep(tf.argMax(tf.mean(perMember, 1), 1));
        const ce = tf.losses.softmaxCrossEntropy(
          repeatRows(y, members),
          tf.reshape(perMember, [batch.size * members, spec.classes]),
          repeatRows(w, members),
          labelSmoothing,
        ) as Scalar;
        if (kernels.length === 0) return ce;
        const l2 = tf.addN(kernels.map((k) => tf.sum(tf.square(k.read()))));
        return tf.add(ce, tf.mul(l2, weightDecay / 2)) as Scalar;
      },
      groups.flatMap((g) => g.variables),
    );
    for (const g of groups)
      g.optimizer.applyGradients(g.variables.map((v) => ({ name: v.name, tensor: grads[v.name] })));
    tf.dispose(Object.values(grads));
    const lossValue = loss.dataSync()[0] ?? NaN;
    loss.dispose();
    if (!Number.isFinite(lossValue))
      throw new Error('training diverged (the loss is not a finite number); try a lower --lr');
    const pred = (predicted as Tensor | null)?.dataSync() ?? new Int32Array(0);
    let correct = 0;
    for (let i = 0; i < batch.size; i++) {
      let top = 0;
      for (let c = 1; c < spec.classes; c++)
        if (batch.y[i * spec.classes + c] > batch.y[i * spec.classes + top]) top = c;
      if (pred[i] === top) correct++;
    }
    return { loss: lossValue, correct };
  } finally {
    tf.dispose([x, y, w]);
    if (predicted) (predicted as Tensor).dispose();
  }
}
