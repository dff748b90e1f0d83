import { groupBy } from '../../util/group-by.js';
import { type FixedRecipe } from '../../../common/options.js';
import type { PredictionRow } from '../../metrics/index.js';
import { argMax } from '../validation.js';
import { classicProbsOf, fitClassicOn, type ClassicData } from './classic-folds.js';

export { FIXED_RECIPES, type FixedRecipe } from '../../../common/options.js';

export type RecipePredictions = Record<FixedRecipe, PredictionRow[]>;

/** Test clip indices of each fold, from its held-out predictions. */
export function foldsOf(
  predictions: readonly PredictionRow[],
  indexOfClip: ReadonlyMap<number, number>,
): Map<number, number[]> {
  const folds = groupBy(predictions, (p) => p.fold ?? 0);
  return new Map(
    [...folds].map(([fold, rows]) => [
      fold,
      rows.map((p) => {
        const i = indexOfClip.get(p.clipId ?? -1);
        if (i === undefined) throw new Error(`prediction for unknown clip ${p.clipId}`);
        return i;
      }),
    ]),
  );
}

/**
 * The classic baseline and the fusion on the CNN's folds: each fold's classic model learns from every clip
 * in the label set that is not among that fold's test clips.
 */
export function sidePredictions(
  cnn: readonly PredictionRow[],
  data: ClassicData,
  labels: readonly string[],
  indexOfClip: ReadonlyMap<number, number>,
): RecipePredictions {
  const classic: PredictionRow[] = [];
  const fusion: PredictionRow[] = [];
  const byIndex = new Map(cnn.map((p) => [indexOfClip.get(p.clipId ?? -1) as number, p]));
  for (const [, test] of foldsOf(cnn, indexOfClip)) {
    const held = new Set(test);
    const train = data.labels.map((l, i) => (l >= 0 && !held.has(i) ? i : -1)).filter((i) => i >= 0);
    const probs = classicProbsOf(fitClassicOn(data, train), data, test);
    test.forEach((i, k) => {
      const c = byIndex.get(i) as PredictionRow;
      const p = Array.from(probs[k]);
      classic.push(row(c, p, labels));
      fusion.push(
        row(
          c,
          c.probs.map((v, j) => (v + p[j]) / 2),
          labels,
        ),
      );
    });
  }
  const order = (rows: PredictionRow[]) =>
    rows.sort((a, b) => (indexOfClip.get(a.clipId ?? -1) ?? 0) - (indexOfClip.get(b.clipId ?? -1) ?? 0));
  return { cnn: [...cnn], classic: order(classic), fusion: order(fusion) };
}

function row(base: PredictionRow, probs: number[], labels: readonly string[]): PredictionRow {
  const top = argMax(probs);
  return { ...base, probs, predicted: labels[top], confidence: probs[top] };
}
