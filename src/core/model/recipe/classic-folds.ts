import { classicProbs, clipStatistics, fitClassic, type ClassicModel } from '../../classic/index.js';
import { bankSpec, type FeatureBank } from '../feature-bank.js';

/** Every clip's classic statistics, in bank order (computed once per run: about 2 ms a clip). */
export function classicRows(bank: FeatureBank): Float32Array[] {
  return Array.from({ length: bank.frames.length }, (_, i) => clipStatistics(bankSpec(bank, i)));
}

export interface ClassicData {
  rows: readonly Float32Array[];
  speakers: readonly string[];
  /** Class index of each clip (-1: not in the label set). */
  labels: readonly number[];
  classes: number;
  speakerNorm: boolean;
}

/** The classic model trained on `train` clips. */
export function fitClassicOn(data: ClassicData, train: readonly number[]): ClassicModel {
  return fitClassic(
    train.map((i) => data.rows[i]),
    train.map((i) => data.labels[i]),
    data.classes,
    { speakerNorm: data.speakerNorm, speakers: train.map((i) => data.speakers[i]) },
  );
}

/**
 * Probabilities of `test` clips. A held-out speaker is standardised by all of their clips in the data (no
 * labels needed), not only the ones being scored, as a project would do with its clips of that speaker.
 */
export function classicProbsOf(
  model: ClassicModel,
  data: ClassicData,
  test: readonly number[],
): Float32Array[] {
  if (!model.speakerNorm)
    return classicProbs(
      model,
      test.map((i) => data.rows[i]),
    );
  const wanted = new Set(test.map((i) => data.speakers[i]));
  const context = data.rows.map((_, i) => i).filter((i) => wanted.has(data.speakers[i]));
  const probs = classicProbs(
    model,
    context.map((i) => data.rows[i]),
    context.map((i) => data.speakers[i]),
  );
  const at = new Map(context.map((i, k) => [i, k]));
  return test.map((i) => probs[at.get(i) as number]);
}
