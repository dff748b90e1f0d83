// One epoch of a training: its batches (each made while the one before trains), validation and scores.
import type { Rng } from '../../util/random.js';
import type { EarlyStopping } from './early-stopping.js';
import type { RateController } from './schedules.js';
import { batchSeed } from './seeds.js';
import type { LayersModel } from '../tf.js';
import type { TrainBatch } from './train-batch.js';
import type { BatchProgress, EpochStats, TrainLoopInput } from './train-loop-types.js';
import { setGroupRates, trainStep, type ParamGroup } from './train-step.js';
import { predictBankClips } from '../inference/window-predictions.js';
import { clipScores } from './validation-scores.js';
import { snapshotWeights, type WeightSnapshot } from '../weights.js';

/** What a training holds from epoch to epoch. */
export interface LoopRun {
  input: TrainLoopInput;
  model: LayersModel;
  /** The model up to its logits (the softmax left off), which the steps train. */
  logits: LayersModel;
  groups: ParamGroup[];
  rate: RateController;
  stopper: EarlyStopping | null;
  shuffleRng: Rng;
  slices: Array<[number, number]>;
  totalBatches: number;
  best: WeightSnapshot | null;
  bestEpoch: number;
  clipsSeen: number;
  batchesDone: number;
  cancelled: boolean;
  started: number;
}

/** One epoch's running sums over its batches. */
interface EpochTally {
  started: number;
  lossSum: number;
  correct: number;
  seen: number;
  lr: number;
}

export type ValScores = { loss: number; accuracy: number; macroF1: number };

/** One epoch: its batches, then its validation and the schedule's end of epoch; its scores. */
export async function runEpoch(
  run: LoopRun,
  epoch: number,
): Promise<{ stats: EpochStats; val: ValScores | null }> {
  const tally = await trainBatches(run, epoch);
  const clipsPerS = clipsPerSecond(tally);
  const val = run.input.val && !run.cancelled ? validationScores(run, run.input.val) : null;
  run.rate.endEpoch(val?.loss ?? null);
  const stats: EpochStats = {
    epoch,
    loss: tally.lossSum / Math.max(tally.seen, 1),
    accuracy: tally.correct / Math.max(tally.seen, 1),
    valLoss: val?.loss ?? null,
    valAccuracy: val?.accuracy ?? null,
    valMacroF1: val?.macroF1 ?? null,
    lr: tally.lr,
    clipsPerS,
  };
  return { stats, val };
}

/** An epoch's steps over the shuffled training clips, each batch made while the one before trains. */
async function trainBatches(run: LoopRun, epoch: number): Promise<EpochTally> {
  const { input, slices } = run;
  const order = run.shuffleRng.shuffle([...input.train]);
  const tally: EpochTally = { started: performance.now(), lossSum: 0, correct: 0, seen: 0, lr: 0 };
  tally.lr = run.rate.rateAt(epoch);
  const prepare = (b: number) =>
    input.source.prepare(order.slice(...slices[b]), batchSeed(input.settings.seed, epoch, b));
  let pending: Promise<TrainBatch> | null = prepare(0);
  for (let b = 0; b < slices.length; b++) {
    const batch: TrainBatch = await (pending as Promise<TrainBatch>);
    pending = b + 1 < slices.length ? prepare(b + 1) : null;
    tally.lr = run.rate.rateAt(epoch + b / slices.length);
    setGroupRates(run.groups, tally.lr);
    const { spec, settings } = input;
    const step = trainStep(
      run.logits,
      run.groups,
      batch,
      spec,
      settings.labelSmoothing,
      settings.weightDecay ?? 0,
    );
    tally.lossSum += step.loss * batch.size;
    tally.correct += step.correct;
    tally.seen += batch.size;
    run.clipsSeen += batch.size;
    run.batchesDone++;
    input.onBatch?.(batchProgress(run, tally, epoch, b));
    if (input.signal?.aborted) {
      run.cancelled = true;
      // Let a batch already being made finish, so the source is idle when the caller closes it.
      await pending?.catch(() => undefined);
      break;
    }
  }
  return tally;
}

/** Where a training is after batch b of an epoch, for onBatch. */
function batchProgress(run: LoopRun, tally: EpochTally, epoch: number, b: number): BatchProgress {
  const elapsed = (performance.now() - run.started) / 1000;
  return {
    epoch,
    batch: b,
    batches: run.slices.length,
    loss: tally.lossSum / tally.seen,
    accuracy: tally.correct / tally.seen,
    lr: tally.lr,
    clipsPerS: clipsPerSecond(tally),
    etaS: (elapsed / run.batchesDone) * (run.totalBatches - run.batchesDone),
  };
}

function clipsPerSecond(tally: EpochTally): number {
  return tally.seen / Math.max((performance.now() - tally.started) / 1000, 1e-9);
}

/** The model's scores on the validation clips, each the mean over its windows. */
function validationScores(run: LoopRun, val: { clips: number[]; labels: number[] }): ValScores {
  const { input } = run;
  const probs = predictBankClips(
    run.model,
    input.bank,
    val.clips,
    input.windows,
    input.plan.norm,
    input.spec.classes,
  );
  return clipScores(probs, val.labels, input.spec.classes);
}

/** Early stopping after an epoch: keeps the best epoch's weights so far; true when it is time to stop. */
export function keepBest(run: LoopRun, epoch: number, val: ValScores | null): boolean {
  if (!run.stopper || !val) return false;
  if (run.stopper.update(epoch, { macroF1: val.macroF1, loss: val.loss })) {
    run.best = snapshotWeights(run.model);
    run.bestEpoch = epoch;
  }
  return run.stopper.shouldStop(epoch);
}
