// The classic baseline: clip statistics and a logistic regression, independent of the voice and adapted to it.
// Browser-safe.
export {
  CLASSIC_CEPSTRA,
  clipStatistics,
  clipStatisticsLength,
  voiceRobustStatistics,
} from './clip-statistics.js';
export { featureStats, type FeatureStats } from './feature-stats.js';
export {
  fitLogistic,
  logisticProbs,
  type LogisticModel,
  type LogisticOptions,
} from './logistic-regression.js';
export {
  CLASSIC_C,
  CLASSIC_ITERATIONS,
  classicScore,
  fitClassic,
  voicesOf,
  type AdaptedClassic,
  type ClassicFitOptions,
  type ClassicModel,
  type ClassicScore,
} from './classic-model.js';
