import type { PredictionRow } from '../../../src/core/metrics/index.js';

/** Prediction rows that reproduce a confusion matrix, spread over speakers round-robin. */
export function rowsFromConfusion(
  confusion: number[][],
  labels: string[],
  speakers: string[] = ['s1'],
): PredictionRow[] {
  const rows: PredictionRow[] = [];
  confusion.forEach((row, t) =>
    row.forEach((count, p) => {
      for (let i = 0; i < count; i++)
        rows.push(row_(labels[t], labels[p], speakers[rows.length % speakers.length], labels.length, p));
    }),
  );
  return rows;
}

export function row_(
  label: string,
  predicted: string,
  speaker = 's1',
  nClasses = 3,
  predictedIndex = 0,
): PredictionRow {
  const probs = new Array<number>(nClasses).fill(0.1 / Math.max(1, nClasses - 1));
  probs[predictedIndex] = 0.9;
  return { file: `${speaker}/${label}-${predicted}.wav`, speaker, label, predicted, confidence: 0.9, probs };
}

/** Rows from parallel true and predicted label lists. */
export function rowsFromPairs(truth: string[], predicted: string[], speaker = 's1'): PredictionRow[] {
  return truth.map((label, i) => row_(label, predicted[i], speaker));
}
