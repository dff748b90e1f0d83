import type { Metrics } from '../metrics/index.js';
import type { FoldSummary } from './fold-summary.js';
import type { ReportInput } from './types.js';

/** The content of metrics.json: the run's scores plus what is needed to tell runs apart. */
export function metricsJson(
  input: ReportInput,
  metrics: Metrics,
  folds: FoldSummary[],
  warnings: string[],
  knownMetrics: Metrics | null = null,
): Record<string, unknown> {
  return {
    // The scores below are a new voice's: each held-out clip scored alone, as Predict scores a stranger.
    scored_as: 'new voice',
    accuracy: metrics.accuracy,
    macro_f1: metrics.macro_f1,
    uar: metrics.uar,
    labels: metrics.labels,
    per_class: metrics.per_class,
    confusion: metrics.confusion,
    confusion_normalised: metrics.confusion_normalised,
    split: input.split,
    folds: input.folds,
    backend: input.backend,
    clips: metrics.clips,
    speakers: metrics.speakers,
    per_speaker: metrics.per_speaker,
    per_fold: folds.map((f) => ({
      fold: f.fold,
      speakers: f.speakers,
      clips: f.metrics.clips,
      accuracy: f.metrics.accuracy,
      macro_f1: f.metrics.macro_f1,
      uar: f.metrics.uar,
    })),
    title: input.title ?? null,
    created_at: input.createdAt,
    dataset: input.dataset,
    config: input.config,
    comparison: input.comparison ?? null,
    // Both scores and the adaptation curve; the known-voice metrics in full.
    voice: input.known?.voice ?? null,
    known: knownMetrics,
    // the same figures as the report's agreement section, only when it has one
    ...(input.agreement && input.agreement.clipsCompared > 0 ? { agreement: input.agreement } : {}),
    warnings,
  };
}
