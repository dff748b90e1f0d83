import { computeFoldMetrics, naturalCompare } from '../metrics/index.js';
import type { Metrics, PredictionRow } from '../metrics/index.js';

export interface FoldSummary {
  fold: number;
  /** The speakers whose clips this fold scored, i.e. held out of its training. */
  speakers: string[];
  metrics: Metrics;
}

export function summariseFolds(rows: readonly PredictionRow[], labels: readonly string[]): FoldSummary[] {
  return computeFoldMetrics(rows, labels).map(({ fold, metrics }) => ({
    fold,
    speakers: Object.keys(metrics.per_speaker).sort(naturalCompare),
    metrics,
  }));
}

/** Mean and sample standard deviation, the "0.71 ± 0.08" of a k-fold table. */
export function meanAndSd(values: number[]): { mean: number; sd: number } {
  if (values.length === 0) return { mean: 0, sd: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (values.length === 1) return { mean, sd: 0 };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}
