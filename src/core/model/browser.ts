// The browser-safe part of the learning engine (no node:*): what the renderer's Predict screen bundles.
export {
  addSamplesToVoice,
  predictAudioBytes,
  predictLogMel,
  predictSamples,
  type ClipPrediction,
  type KnownVoice,
} from './inference/predict.js';
export { loadModelFromUrl } from './model-files-browser.js';
export {
  MODEL_FORMAT,
  MODEL_JSON_FILE,
  MODEL_META_FILE,
  WEIGHTS_FILE,
  assertSameLabels,
  parseModelMeta,
  type LoadedModel,
  type StudioModelMeta,
} from './model-meta.js';
export {
  buildModel,
  logitsView,
  SIZE_PRESETS,
  type HeadKind,
  type ModelSize,
  type ModelSpec,
} from './cnn.js';
export { AttentionPooling, SeededDropout } from './layers/index.js';
export {
  applyFloor,
  fitInputNorm,
  instanceOffsets,
  prepareLogMel,
  trimSilence,
  type InputNorm,
} from './input-norm.js';
export { clipWindows, type WindowPlan } from './windows.js';
export { TypedEmitter } from '../util/emitter.js';
export { TrainEmitter, type TrainEvents } from './training/train-events.js';
export {
  AUGMENT_NAMES,
  DEFAULT_TRAIN_CONFIG,
  parseAugment,
  parseSplit,
  resolveTrainConfig,
  type AugmentName,
  type BackendChoice,
  type SplitSpec,
  type TrainConfig,
} from './config.js';
