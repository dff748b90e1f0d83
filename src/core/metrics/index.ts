export type { ClassScores, Metrics, PredictionRow, SpeakerScore } from './types.js';
export { confusionMatrix, normaliseRows } from './confusion-matrix.js';
export { classScores, macroF1, unweightedAverageRecall } from './class-scores.js';
export { perSpeakerAccuracy, naturalCompare } from './per-speaker.js';
export { computeMetrics, computeFoldMetrics } from './compute-metrics.js';
