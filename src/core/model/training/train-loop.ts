import { createRng } from '../../util/random.js';
import { buildModel, logitsView } from '../cnn.js';
import { EarlyStopping } from './early-stopping.js';
import { shuffleSeed } from './seeds.js';
import { createRateController } from './schedules.js';
import { keepBest, runEpoch, type LoopRun } from './train-epoch.js';
import { paramGroups } from './train-step.js';
import { restoreWeights } from '../weights.js';

export type {
  BatchProgress,
  EpochStats,
  LoopSettings,
  TrainLoopInput,
  TrainLoopResult,
} from './train-loop-types.js';
import type { EpochStats, TrainLoopInput, TrainLoopResult } from './train-loop-types.js';

/** Splits n shuffled items into batches of nearly equal size, none larger than batchSize. */
export function batchSlices(n: number, batchSize: number): Array<[number, number]> {
  const count = Math.max(1, Math.ceil(n / batchSize));
  const out: Array<[number, number]> = [];
  for (let b = 0; b < count; b++) out.push([Math.floor((b * n) / count), Math.floor(((b + 1) * n) / count)]);
  return out.filter(([s, e]) => e > s);
}

/**
 * Trains one model: weighted (and label-smoothed) cross-entropy on soft targets, Adam with a scheduled
 * rate, batches made by `source` one ahead of the step that uses them, validation after every epoch with
 * early stopping that restores the best epoch's weights. A cancel (signal) stops after the current batch
 * and also keeps the best weights seen.
 */
export async function trainLoop(input: TrainLoopInput): Promise<TrainLoopResult> {
  if (input.train.length === 0) throw new Error('no training clips');
  input.source.setPlan(input.plan);
  const run = startLoop(input);
  const history: EpochStats[] = [];
  let stoppedEarly = false;
  try {
    for (let epoch = 0; epoch < input.settings.epochs && !run.cancelled; epoch++) {
      const { stats, val } = await runEpoch(run, epoch);
      history.push(stats);
      input.onEpoch?.(stats);
      if (keepBest(run, epoch, val)) {
        stoppedEarly = true;
        break;
      }
    }
    if (run.best) restoreWeights(run.model, run.best);
    else run.bestEpoch = history.length - 1;
  } finally {
    for (const g of run.groups) g.optimizer.dispose();
  }
  return {
    model: run.model,
    history,
    bestEpoch: run.bestEpoch,
    stoppedEarly,
    cancelled: run.cancelled,
    clipsSeen: run.clipsSeen,
    trainSeconds: (performance.now() - run.started) / 1000,
  };
}

/** The model, its optimisers, rate schedule, early stopping and batch order, before the first epoch. */
function startLoop(input: TrainLoopInput): LoopRun {
  const { spec, settings } = input;
  const model = buildModel(spec);
  const logits = logitsView(model);
  const groups = paramGroups(logits, settings);
  const rate = createRateController(settings.learningRate, settings.epochs, settings.schedule);
  const stopper =
    input.val && settings.patience > 0
      ? new EarlyStopping(settings.patience, 0, settings.monitor ?? 'loss')
      : null;
  const shuffleRng = createRng(shuffleSeed(settings.seed));
  const slices = batchSlices(input.train.length, settings.batchSize);
  return {
    input,
    model,
    logits,
    groups,
    rate,
    stopper,
    shuffleRng,
    slices,
    totalBatches: slices.length * settings.epochs,
    best: null,
    bestEpoch: -1,
    clipsSeen: 0,
    batchesDone: 0,
    cancelled: false,
    started: performance.now(),
  };
}
