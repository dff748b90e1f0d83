// The trainings of an experiment as TrainTasks: each fold's model, loop settings, batch plan and clips.
import { STATS_BRANCH_LAYERS } from '../../cnn.js';
import { augmentConfigOf, modelSpecOf, type TrainConfig } from '../../config.js';
import type { ExperimentClip } from './experiment-types.js';
import { bankSpec, type FeatureBank } from '../../feature-bank.js';
import type { PlannedFold } from '../folds.js';
import { fitInputNorm, type InputNorm } from '../../input-norm.js';
import { loopSeed, weightSeed } from '../seeds.js';
import type { BatchItem, TrainBatchPlan } from '../train-batch.js';
import type { LoopSettings } from '../train-loop.js';
import type { TrainTask } from '../train-task.js';
import { windowPlanOf } from '../../windows.js';

/** One TrainTask per planned fold, in plan order (k is also what its seeds derive from). */
export function trainTasksOf(
  plan: readonly PlannedFold[],
  clips: readonly ExperimentClip[],
  bank: FeatureBank,
  config: TrainConfig,
): TrainTask[] {
  const labelIndex = new Map(config.labels.map((l, k) => [l, k]));
  const item = (i: number): BatchItem => ({ clip: i, label: labelIndex.get(clips[i].label) ?? 0 });
  const windows = windowPlanOf(config);
  return plan.map((fold, k) => {
    // Every fold fits its normalisation on its own training clips.
    const norm = fitInputNorm(
      fold.train.map((i) => bankSpec(bank, i)),
      config.instanceNorm,
      config,
    );
    return {
      spec: modelSpecOf(config, bank.bins, config.labels.length, weightSeed(config.seed, k)),
      settings: loopSettingsOf(config, k),
      train: fold.train.map(item),
      val: fold.val.length > 0 ? { clips: fold.val, labels: fold.val.map((i) => item(i).label) } : undefined,
      windows,
      plan: batchPlanOf(
        config,
        fold.train.map((i) => item(i).label),
        norm,
      ),
      test: fold.test,
      keepModel: fold.fold === 'final' || plan.length === 1,
    };
  });
}

/** The loop settings of training k: the config's schedule and stopping, with the training's own seed. */
export function loopSettingsOf(config: TrainConfig, k: number): LoopSettings {
  return {
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
  };
}

/** How a training's batches are made: crops, class weights of its training labels, augmentation, its norm. */
export function batchPlanOf(
  config: TrainConfig,
  trainLabels: readonly number[],
  norm: InputNorm,
): TrainBatchPlan {
  return {
    frames: config.cropFrames,
    classes: config.labels.length,
    classWeights: classWeights(trainLabels, config.labels.length, config.classWeights),
    augment: augmentConfigOf(config),
    augmentProbability: config.augmentProbability,
    featureConfig: config.featureConfig,
    norm,
    mixupAlpha: config.mixupAlpha,
    fill: config.shortClipFill,
  };
}

/** Inverse-frequency weights normalised to a mean of 1 over the training clips (all 1 when off). */
export function classWeights(labels: readonly number[], classes: number, on: boolean): number[] {
  if (!on) return new Array<number>(classes).fill(1);
  const counts = new Array<number>(classes).fill(0);
  for (const l of labels) counts[l]++;
  return counts.map((n) => (n > 0 ? labels.length / (classes * n) : 0));
}
