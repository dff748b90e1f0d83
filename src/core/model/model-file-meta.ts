import type { Metrics } from '../metrics/index.js';
import type { StudioModelMeta } from './model-meta.js';

/** The held-out scores a model file may carry: none of them names a speaker. */
const ANONYMOUS_METRICS = [
  'accuracy',
  'macro_f1',
  'uar',
  'labels',
  'per_class',
  'confusion',
  'confusion_normalised',
  'clips',
  'speakers',
] as const;

/**
 * A run's scores as a model file carries them: per-speaker accuracy (keyed by the speakers' names), fold
 * choices and warnings (which name speakers) left out. A model folder goes to whoever may predict with it
 * (in web mode any token holder downloads it); the run's record in the project keeps the full scores.
 */
export function anonymousMetrics(metrics: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept: Record<string, unknown> = { per_speaker: {} };
  for (const key of ANONYMOUS_METRICS) if (key in metrics) kept[key] = metrics[key];
  return kept;
}

/** studio-model.json as it is written: the model's description without the training speakers' names. */
export function modelMetaForFile(meta: StudioModelMeta): StudioModelMeta {
  return {
    ...meta,
    metrics: meta.metrics === null ? null : (anonymousMetrics(meta.metrics) as unknown as Metrics),
  };
}
