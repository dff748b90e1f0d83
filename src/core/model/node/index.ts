// Public surface of the learning engine. Node: training, evaluation, model folders on disk.
// The renderer imports ./browser.js instead.
export * from '../browser.js';
export {
  trainProject,
  type TrainProjectOptions,
  type TrainProjectResult,
} from '../training/node/train-project.js';
export { evaluateModel, type EvaluateOptions, type EvaluateResult } from '../evaluation/node/evaluate.js';
export { latestModelDir } from '../evaluation/node/current-model.js';
export {
  runExperiment,
  classWeights,
  type ExperimentClip,
  type ExperimentInput,
  type ExperimentResult,
  type FoldCurve,
} from '../training/node/experiment.js';
export {
  trainLoop,
  batchSlices,
  type TrainLoopInput,
  type TrainLoopResult,
  type EpochStats,
  type LoopSettings,
} from '../training/train-loop.js';
export { planFolds, type PlannedFold } from '../training/folds.js';
export {
  runTrainTasks,
  TrainingPool,
  type PoolState,
  type RunJobsOptions,
  type JobListeners,
} from '../training/node/train-pool.js';
export { runTrainTask, type TrainTask, type TrainTaskOutcome } from '../training/train-task.js';
export { planPool, estimateJobMemory, type PoolPlan } from '../training/node/pool-size.js';
export { decideSplit, TrainRefusal } from '../training/refusals.js';
export { RANDOM_SPLIT_WARNING } from '../../dataset/splits.js';
export {
  saveModelFolder,
  loadModelFolder,
  readModelMeta,
  isModelFolder,
  type SavedModelFiles,
} from './model-files.js';
export { loadFeatureBank, computeClipFeatures } from './clip-features.js';
export { createFeatureBank, FeatureBankBuilder, bankSpec, type FeatureBank } from '../feature-bank.js';
export { createBatchSource, WorkerBatchSource } from '../training/node/worker-batch-source.js';
export { InlineBatchSource, type BatchSource } from '../training/batch-source.js';
export {
  makeTrainBatch,
  type TrainBatch,
  type TrainBatchPlan,
  type BatchItem,
} from '../training/train-batch.js';
export {
  cosineRate,
  PlateauTracker,
  createRateController,
  DEFAULT_COSINE,
  DEFAULT_PLATEAU,
  type LrSchedule,
} from '../training/schedules.js';
export { EarlyStopping } from '../training/early-stopping.js';
export { scoreClips } from '../inference/score-clips.js';
