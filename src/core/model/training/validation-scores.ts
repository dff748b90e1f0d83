// The scores of a validation pass in training: loss, accuracy and macro F1 of clip probabilities.
import { classScores, confusionMatrix, macroF1 } from '../../metrics/index.js';
import { argMax } from '../inference/window-predictions.js';

export interface ClipScores {
  loss: number;
  accuracy: number;
  macroF1: number;
}

/** Cross-entropy, accuracy and macro F1 of clip probabilities against true class indices. */
export function clipScores(
  probs: readonly Float32Array[],
  labels: readonly number[],
  classes: number,
): ClipScores {
  let loss = 0;
  let correct = 0;
  const predicted = probs.map((p) => argMax(p));
  probs.forEach((p, i) => {
    loss -= Math.log(Math.max(p[labels[i]], 1e-7));
    if (predicted[i] === labels[i]) correct++;
  });
  const confusion = confusionMatrix(labels, predicted, classes);
  const n = Math.max(labels.length, 1);
  return { loss: loss / n, accuracy: correct / n, macroF1: macroF1(confusion, classScores(confusion)) };
}
