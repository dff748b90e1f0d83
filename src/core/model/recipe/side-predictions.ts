import { groupBy } from '../../util/group-by.js';
import { type FixedRecipe, type FixedSpeakerNorm } from '../../../common/options.js';
import type { ClassicScore } from '../../classic/index.js';
import type { PredictionRow } from '../../metrics/index.js';
import type { SpeakerLabelSkew } from '../../voice/index.js';
import { voiceSubsetSeed } from '../training/seeds.js';
import { argMax } from '../inference/window-predictions.js';
import {
  classicConditionScores,
  fitClassicOn,
  skewOf,
  trainingClips,
  type ClassicData,
} from './classic-folds.js';
import { CNN_FUSION_TEMPERATURE, fuseProbs } from './fuse.js';
import { VOICE_CONDITIONS, type VoiceCondition } from './voice-conditions.js';

export { FIXED_RECIPES, type FixedRecipe } from '../../../common/options.js';

export type RecipePredictions = Record<FixedRecipe, PredictionRow[]>;
/** Every recipe's held-out predictions under every voice condition, on the same folds. */
export type ConditionPredictions = Map<VoiceCondition, RecipePredictions>;

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

/** What one fold's classic model used of the voices. */
export interface FoldVoicePlan {
  fold: number;
  speakerNorm: FixedSpeakerNorm;
  skew: SpeakerLabelSkew;
}

export interface SideInput {
  /** The CNN's held-out predictions (voice-independent: the same under every condition). */
  cnn: readonly PredictionRow[];
  data: ClassicData;
  labels: readonly string[];
  indexOfClip: ReadonlyMap<number, number>;
  /** The voice standardisation fold `fold` uses, given its training clips. */
  speakerNormFor: (fold: number, train: readonly number[]) => FixedSpeakerNorm;
  runSeed: number;
}

/**
 * The classic baseline and the fusion on the CNN's folds, under every voice condition: each fold's classic model
 * learns from the clips in the label set that are not among that fold's test clips, and scores its test clips
 * once per condition.
 */
export function sidePredictions(input: SideInput): {
  conditions: ConditionPredictions;
  folds: FoldVoicePlan[];
} {
  const { cnn, data, labels, indexOfClip } = input;
  const byIndex = new Map(cnn.map((p) => [indexOfClip.get(p.clipId ?? -1) as number, p]));
  const rows = new Map(
    VOICE_CONDITIONS.map((c) => [
      c,
      { classic: [], fusion: [] } as Record<'classic' | 'fusion', PredictionRow[]>,
    ]),
  );
  const folds: FoldVoicePlan[] = [];
  for (const [fold, test] of foldsOf(cnn, indexOfClip)) {
    const train = trainingClips(data, new Set(test));
    const speakerNorm = input.speakerNormFor(fold, train);
    folds.push({ fold, speakerNorm, skew: skewOf(data, train) });
    const model = fitClassicOn(data, train, speakerNorm);
    const scores = classicConditionScores(model, data, test, voiceSubsetSeed(input.runSeed, fold));
    for (const [condition, perClip] of scores)
      test.forEach((i, k) => {
        const s: ClassicScore | undefined = perClip[k];
        if (!s) return;
        const c = byIndex.get(i) as PredictionRow;
        const out = rows.get(condition) as Record<'classic' | 'fusion', PredictionRow[]>;
        out.classic.push(withProbs(c, s.probs, labels));
        out.fusion.push(withProbs(c, fuseProbs(c.probs, s, CNN_FUSION_TEMPERATURE), labels));
      });
  }
  const order = (list: PredictionRow[]) =>
    list.sort((a, b) => (indexOfClip.get(a.clipId ?? -1) ?? 0) - (indexOfClip.get(b.clipId ?? -1) ?? 0));
  const conditions: ConditionPredictions = new Map();
  for (const [condition, r] of rows) {
    // The CNN uses no voice statistics, so under any condition it scores the clips that condition scores.
    const scored = new Set(r.classic.map((p) => p.clipId));
    conditions.set(condition, {
      cnn: cnn.filter((p) => scored.has(p.clipId)),
      classic: order(r.classic),
      fusion: order(r.fusion),
    });
  }
  folds.sort((a, b) => a.fold - b.fold);
  return { conditions, folds };
}

export function withProbs(base: PredictionRow, probs: number[], labels: readonly string[]): PredictionRow {
  const top = argMax(probs);
  return { ...base, probs, predicted: labels[top], confidence: probs[top] };
}
