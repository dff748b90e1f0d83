import { computeMetrics, type PredictionRow } from '../../../metrics/index.js';
import { groupBy } from '../../../util/group-by.js';
import { overallFraction } from '../../../../common/train-progress.js';
import { innerSeed } from '../../training/seeds.js';
import { TrainEmitter } from '../../training/train-events.js';
import { runExperiment, type ExperimentInput } from '../../training/node/experiment.js';
import type { FixedSpeakerNorm } from '../../../../common/options.js';
import { usableSpeakerNorm, type ClassicData } from '../classic-folds.js';
import { AUTO_FALLBACK, AUTO_MARGIN, innerSplitFor, pickRecipe } from '../auto-rule.js';
import {
  FIXED_RECIPES,
  sidePredictions,
  type FixedRecipe,
  type RecipePredictions,
} from '../side-predictions.js';

/** A label no clip has: how clips are kept out of an inner experiment without copying the feature bank. */
const EXCLUDED = '\u0000held-out';

export interface FoldChoice {
  fold: number;
  testSpeakers: string[];
  chosen: FixedRecipe;
  /** Macro F1 of each recipe over the inner folds' pooled predictions (null where there was no inner split). */
  inner: Record<FixedRecipe, number> | null;
  /** Macro F1 of each recipe in each inner fold, in fold order (null where there was no inner split). */
  innerFolds: Record<FixedRecipe, number[]> | null;
  innerSplit: string | null;
  reason: string;
}

/**
 * For each outer fold, the recipe that scores best (ties to the default) in a speaker-grouped cross-validation
 * among that fold's training speakers only: macro F1, the mean of a new voice's and a known voice's, since a
 * model meets both. The fold's test clips are removed from the inner experiment and from the classic data
 * before anything is fitted, so they cannot sway the choice. `speakerNormFor` gives the outer fold's voice
 * standardisation (decided on its training clips), which the inner classic models use too.
 */
export async function chooseRecipes(
  input: ExperimentInput,
  data: ClassicData,
  folds: ReadonlyMap<number, readonly number[]>,
  speakerNormFor: (fold: number, train: readonly number[]) => FixedSpeakerNorm,
): Promise<FoldChoice[]> {
  const labels = input.config.labels;
  const choices: FoldChoice[] = [];
  const indexOfClip = new Map(input.clips.map((c, i) => [c.id, i]));
  const order = [...folds.keys()].sort((a, b) => a - b);
  const progress = choosingProgress(input.events, order.length);
  for (const [done, fold] of order.entries()) {
    if (input.signal?.aborted) break;
    const test = new Set(folds.get(fold));
    const testSpeakers = [...new Set([...test].map((i) => data.speakers[i]))].sort();
    const innerLabels = data.labels.map((l, i) => (test.has(i) ? -1 : l));
    const speakers = new Set(innerLabels.flatMap((l, i) => (l >= 0 ? [data.speakers[i]] : [])));
    const innerSplit = innerSplitFor(speakers.size);
    if (innerSplit === null) {
      choices.push({
        fold,
        testSpeakers,
        chosen: AUTO_FALLBACK,
        inner: null,
        innerFolds: null,
        innerSplit: null,
        reason: `${speakers.size} training speaker${speakers.size === 1 ? '' : 's'}: too few for an inner split, so the default recipe`,
      });
      continue;
    }
    input.events?.emit('message', {
      level: 'info',
      text: `choosing the recipe for fold ${fold + 1}: ${innerSplit.slice(6)} inner folds over its ${speakers.size} training speakers`,
    });
    const inner = await runExperiment({
      ...input,
      clips: input.clips.map((c, i) => (innerLabels[i] >= 0 ? c : { ...c, label: EXCLUDED })),
      config: { ...input.config, split: innerSplit, seed: innerSeed(input.config.seed, fold) },
      skipFinal: true,
      events: progress?.forFold(done, fold),
    });
    if (inner.cancelled) break;
    const innerData = { ...data, labels: innerLabels };
    const mode = speakerNormFor(
      fold,
      innerLabels.flatMap((l, i) => (l >= 0 ? [i] : [])),
    );
    const { conditions } = sidePredictions({
      cnn: inner.predictions,
      data: innerData,
      labels,
      indexOfClip,
      speakerNormFor: (_inner, train) => usableSpeakerNorm(mode, innerData, train),
      runSeed: innerSeed(input.config.seed, fold),
    });
    const fresh = conditions.get('new') as RecipePredictions;
    const known = conditions.get('known') as RecipePredictions;
    const both = (score: (rows: PredictionRow[]) => number, r: FixedRecipe) =>
      (score(fresh[r]) + score(known[r])) / 2;
    const pooled = Object.fromEntries(
      FIXED_RECIPES.map((r) => [r, both((rows) => computeMetrics(rows, labels).macro_f1, r)]),
    ) as Record<FixedRecipe, number>;
    const innerFolds = Object.fromEntries(
      FIXED_RECIPES.map((r) => {
        const a = perFoldMacroF1(fresh[r], labels);
        const b = perFoldMacroF1(known[r], labels);
        return [r, a.map((x, k) => (x + (b[k] ?? x)) / 2)];
      }),
    ) as Record<FixedRecipe, number[]>;
    const chosen = pickRecipe(pooled, innerFolds);
    choices.push({
      fold,
      testSpeakers,
      chosen,
      inner: pooled,
      innerFolds,
      innerSplit,
      reason:
        chosen !== AUTO_FALLBACK || FIXED_RECIPES.every((r) => pooled[r] <= pooled[AUTO_FALLBACK])
          ? `best inner macro F1 (new and known voice) over ${speakers.size} training speakers`
          : `no recipe beat the default by more than ${AUTO_MARGIN} over the inner folds and in each of them`,
    });
  }
  return choices;
}

/** Macro F1 of each fold's predictions, in fold order. */
function perFoldMacroF1(rows: readonly PredictionRow[], labels: readonly string[]): number[] {
  const folds = groupBy(rows, (p) => p.fold ?? 0);
  return [...folds.keys()]
    .sort((a, b) => a - b)
    .map((f) => computeMetrics(folds.get(f) as PredictionRow[], labels).macro_f1);
}

/**
 * Progress of the inner trainings, as phase 'choosing' of the run: which outer fold is being decided, the
 * inner training's epoch and batch, the share done and an ETA from the pace so far. Only progress is
 * passed on: the inner trainings' epochs are not the run's and must not reach its records.
 */
function choosingProgress(
  events: TrainEmitter | undefined,
  folds: number,
): { forFold: (done: number, fold: number) => TrainEmitter } | null {
  if (!events) return null;
  const started = performance.now();
  return {
    forFold(done, fold) {
      const inner = new TrainEmitter();
      let within = 0;
      inner.on('progress', (p) => {
        // Inner experiments train no final model: their folds are the whole of them.
        const share = overallFraction(p);
        if (share !== null) within = Math.min(1, (share * (p.folds + 1)) / Math.max(1, p.folds));
        const fraction = Math.min(1, (done + within) / folds);
        const elapsed = (performance.now() - started) / 1000;
        events.emit('progress', {
          ...p,
          phase: 'choosing',
          fold,
          folds,
          pool: undefined,
          fraction,
          etaS: fraction > 0.02 ? (elapsed / fraction) * (1 - fraction) : null,
          message: `choosing the recipe for fold ${fold + 1}: ${
            p.pool
              ? `${p.pool.done} of ${p.folds} inner trainings done`
              : `inner fold ${Math.min(p.fold, p.folds - 1) + 1} of ${p.folds}`
          }`,
        });
      });
      return inner;
    },
  };
}
