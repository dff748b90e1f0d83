// The classic baseline: clip statistics, per-speaker standardisation, a logistic regression. Browser-safe.
export { CLASSIC_CEPSTRA, clipStatistics, clipStatisticsLength } from './clip-statistics.js';
export { featureStats, standardiseWith, type SpeakerStats } from './speaker-standardise.js';
export {
  fitLogistic,
  logisticProbs,
  type LogisticModel,
  type LogisticOptions,
} from './logistic-regression.js';
export { CLASSIC_C, classicProbs, fitClassic, type ClassicModel } from './classic-model.js';
