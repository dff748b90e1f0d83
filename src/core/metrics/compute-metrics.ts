import { classScores, macroF1, unweightedAverageRecall } from './class-scores.js';
import { confusionMatrix, normaliseRows } from './confusion-matrix.js';
import { perSpeakerAccuracy } from './per-speaker.js';
import type { ClassScores, Metrics, PredictionRow } from './types.js';

/**
 * Every evaluation number of a run from its held-out predictions.
 * A label or prediction outside `labels` is an error: silently dropping it would inflate the scores.
 */
export function computeMetrics(rows: readonly PredictionRow[], labels: readonly string[]): Metrics {
  const index = labelIndex(labels);
  const trueIdx = new Int32Array(rows.length);
  const predIdx = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    trueIdx[i] = lookup(index, row.label, 'label', row);
    predIdx[i] = lookup(index, row.predicted, 'prediction', row);
  });

  const confusion = confusionMatrix(trueIdx, predIdx, labels.length);
  const scores = classScores(confusion);
  const correct = confusion.reduce((a, row, k) => a + row[k], 0);
  const per_class: Record<string, ClassScores> = {};
  labels.forEach((label, k) => (per_class[label] = scores[k]));

  return {
    accuracy: rows.length === 0 ? 0 : correct / rows.length,
    macro_f1: macroF1(confusion, scores),
    uar: unweightedAverageRecall(scores),
    labels: [...labels],
    per_class,
    confusion,
    confusion_normalised: normaliseRows(confusion),
    per_speaker: perSpeakerAccuracy(rows),
    clips: rows.length,
    speakers: new Set(rows.map((r) => r.speaker)).size,
  };
}

/** Metrics of each fold on its own, in fold order; rows without a fold are left out. */
export function computeFoldMetrics(
  rows: readonly PredictionRow[],
  labels: readonly string[],
): Array<{ fold: number; metrics: Metrics }> {
  const byFold = new Map<number, PredictionRow[]>();
  for (const row of rows) {
    if (row.fold === undefined) continue;
    const list = byFold.get(row.fold) ?? [];
    list.push(row);
    byFold.set(row.fold, list);
  }
  return [...byFold.keys()]
    .sort((a, b) => a - b)
    .map((fold) => ({ fold, metrics: computeMetrics(byFold.get(fold)!, labels) }));
}

function labelIndex(labels: readonly string[]): Map<string, number> {
  if (labels.length === 0) throw new Error('computeMetrics: the label set is empty');
  const index = new Map<string, number>();
  labels.forEach((label, k) => {
    if (index.has(label)) throw new Error(`computeMetrics: label "${label}" appears twice in the label set`);
    index.set(label, k);
  });
  return index;
}

function lookup(index: Map<string, number>, value: string, what: string, row: PredictionRow): number {
  const k = index.get(value);
  if (k === undefined) {
    throw new Error(
      `computeMetrics: ${what} "${value}" of ${row.file} is not in the label set [${[...index.keys()].join(', ')}]`,
    );
  }
  return k;
}
