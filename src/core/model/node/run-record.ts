// The one writer of what a run leaves in the project: its predictions (each clip's as a new voice, and as a
// voice the model knows where measured) and how it ended. Training (trainProject), evaluation (evaluateModel)
// and the studio, for a run whose process ended without saying, all write through here.
import type { RunMetrics } from '../../../common/contract.js';
import type { Project } from '../../dataset/node/index.js';
import type { PredictionRow } from '../../metrics/index.js';

/** How a run ended: with its results, or failed (or cancelled) with why. */
export type RunEnd =
  | {
      status: 'done' | 'cancelled';
      metrics: RunMetrics | null;
      modelDir?: string | null;
      reportDir: string | null;
    }
  | { status: 'failed' | 'cancelled'; error: string };

/** Records how the run ended: its status and, when it has them, its metrics and folders. */
export function recordRunEnd(runs: Project['runs'], runId: number, end: RunEnd): void {
  runs.update(runId, end);
}

/** Records the predictions of the project's clips (those with an id), with each clip's known-voice one. */
export function recordPredictions(
  runs: Project['runs'],
  runId: number,
  predictions: readonly PredictionRow[],
  known: readonly PredictionRow[] | undefined,
  labels: readonly string[],
): void {
  const withIds = predictions.filter((p) => p.clipId !== undefined);
  if (withIds.length === 0) return;
  const knownOf = new Map((known ?? []).map((k) => [k.clipId, k]));
  const probsOf = (p: PredictionRow) => Object.fromEntries(labels.map((l, i) => [l, p.probs[i]]));
  runs.addPredictions(
    runId,
    withIds.map((p) => {
      const k = knownOf.get(p.clipId);
      return {
        clipId: p.clipId ?? 0,
        fold: p.fold,
        label: p.label,
        predicted: p.predicted,
        confidence: p.confidence,
        probs: probsOf(p),
        known: k ? { predicted: k.predicted, confidence: k.confidence, probs: probsOf(k) } : null,
      };
    }),
  );
}
