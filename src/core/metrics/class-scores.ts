import type { ClassScores } from './types.js';

/**
 * Per-class precision, recall, F1 and support from a confusion matrix.
 * A 0/0 ratio is 0, as scikit-learn with zero_division=0, so a never-predicted
 * or absent class scores 0 instead of poisoning averages with NaN.
 */
export function classScores(confusion: number[][]): ClassScores[] {
  const n = confusion.length;
  return confusion.map((row, k) => {
    const tp = row[k];
    const support = row.reduce((a, b) => a + b, 0);
    let predicted = 0;
    for (let i = 0; i < n; i++) predicted += confusion[i][k];
    const precision = safeDivide(tp, predicted);
    const recall = safeDivide(tp, support);
    const f1 = safeDivide(2 * precision * recall, precision + recall);
    return { precision, recall, f1, support };
  });
}

/**
 * Macro F1 over the classes that occur in the truth or the predictions: scikit-learn's
 * f1_score(average='macro', zero_division=0) with its default label set. A class absent from both
 * says nothing about the model, so it does not drag the mean towards 0.
 */
export function macroF1(confusion: number[][], scores: ClassScores[]): number {
  const present = scores.filter((s, k) => s.support > 0 || columnSum(confusion, k) > 0);
  return mean(present.map((s) => s.f1));
}

/**
 * Unweighted average recall over the classes with support: scikit-learn's balanced_accuracy_score.
 * A class with no true examples has no recall to average.
 */
export function unweightedAverageRecall(scores: ClassScores[]): number {
  return mean(scores.filter((s) => s.support > 0).map((s) => s.recall));
}

function columnSum(matrix: number[][], k: number): number {
  return matrix.reduce((a, row) => a + row[k], 0);
}

function safeDivide(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
