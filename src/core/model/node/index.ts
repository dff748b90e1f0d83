// Public surface of the learning engine. Node: training, evaluation, model folders on disk.
// The renderer imports ./browser.js instead.
export * from '../browser.js';
export { trainProject, type TrainProjectOptions, type TrainProjectResult } from './train-project.js';
export { evaluateModel, type EvaluateOptions, type EvaluateResult } from './evaluate.js';
export { latestModelDir } from './current-model.js';
export {
  runExperiment,
  classWeights,
  type ExperimentClip,
  type ExperimentInput,
  type ExperimentResult,
  type FoldCurve,
} from './experiment.js';
export {
  trainLoop,
  batchSlices,
  type TrainLoopInput,
  type TrainLoopResult,
  type EpochStats,
  type LoopSettings,
} from '../train-loop.js';
export { planFolds, type PlannedFold } from '../folds.js';
export {
  runTrainTasks,
  TrainingPool,
  type PoolState,
  type RunJobsOptions,
  type JobListeners,
} from './train-pool.js';
export { runTrainTask, type TrainTask, type TrainTaskOutcome } from '../train-task.js';
export { planPool, estimateJobMemory, type PoolPlan } from './pool-size.js';
export { decideSplit, TrainRefusal } from '../refusals.js';
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
export { createBatchSource, WorkerBatchSource } from './worker-batch-source.js';
export { InlineBatchSource, type BatchSource } from '../batch-source.js';
export { makeTrainBatch, type TrainBatch, type TrainBatchPlan, type BatchItem } from '../train-batch.js';
export {
  cosineRate,
  PlateauTracker,
  createRateController,
  DEFAULT_COSINE,
  DEFAULT_PLATEAU,
  type LrSchedule,
} from '../schedules.js';
export { EarlyStopping } from '../early-stopping.js';
export { scoreClips } from '../score-clips.js';
