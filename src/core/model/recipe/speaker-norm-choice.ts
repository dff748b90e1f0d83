// 'auto' voice standardisation: per outer fold, a speaker-grouped cross-validation among its training speakers
// picks the mode whose known-voice score holds up. Only the classic model uses voice statistics, so this costs
// a few logistic regressions, no network.
import { DEFAULT_SPEAKER_NORM, FIXED_SPEAKER_NORMS, type FixedSpeakerNorm } from '../../../common/options.js';
import { speakerKFold } from '../../dataset/splits.js';
import { computeMetrics, type PredictionRow } from '../../metrics/index.js';
import { classicScore, voicesOf } from '../../classic/index.js';
import { argMax } from '../inference/window-predictions.js';
import { fitClassicOn, skewOf, type ClassicData } from './classic-folds.js';
import { innerSplitFor, pickByInnerScores } from './auto-rule.js';

export interface SpeakerNormChoice {
  chosen: FixedSpeakerNorm;
  /** Known-voice macro F1 of each mode over the inner folds (null where there was no inner split). */
  inner: Record<FixedSpeakerNorm, number> | null;
  reason: string;
}

/** The mode for a fit on `train` clips, chosen on them alone. */
export function chooseSpeakerNorm(
  data: ClassicData,
  train: readonly number[],
  seed: number,
): SpeakerNormChoice {
  const skew = skewOf(data, train);
  if (skew.confounded)
    return { chosen: 'none', inner: null, reason: 'speakers and emotions are confounded in training' };
  const speakers = new Set(train.map((i) => data.speakers[i]));
  const split = innerSplitFor(speakers.size);
  if (split === null)
    return {
      chosen: DEFAULT_SPEAKER_NORM,
      inner: null,
      reason: `${speakers.size} training speakers: too few to choose`,
    };
  const k = Number(split.slice(6));
  const folds = speakerKFold(
    train.map((i) => ({ id: i, speaker: data.speakers[i], label: String(data.labels[i]) })),
    k,
    { seed, valFraction: 0 },
  );
  const labels = Array.from({ length: data.classes }, (_, c) => String(c));
  const pooled = {} as Record<FixedSpeakerNorm, number>;
  const perFold = {} as Record<FixedSpeakerNorm, number[]>;
  for (const mode of FIXED_SPEAKER_NORMS) {
    const all: PredictionRow[] = [];
    perFold[mode] = folds.map((f) => {
      const model = fitClassicOn(data, f.train, mode);
      const voices = voicesOf(
        f.test.map((i) => data.rows[i]),
        f.test.map((i) => data.speakers[i]),
      );
      const rows = f.test.map((i): PredictionRow => {
        const probs = classicScore(model, data.rows[i], voices.get(data.speakers[i]) ?? null).probs;
        const top = argMax(probs);
        return {
          file: '',
          speaker: data.speakers[i],
          label: labels[data.labels[i]],
          predicted: labels[top],
          confidence: probs[top],
          probs,
        };
      });
      all.push(...rows);
      return computeMetrics(rows, labels).macro_f1;
    });
    pooled[mode] = computeMetrics(all, labels).macro_f1;
  }
  const chosen = pickByInnerScores(FIXED_SPEAKER_NORMS, DEFAULT_SPEAKER_NORM, pooled, perFold);
  return {
    chosen,
    inner: pooled,
    reason: `best known-voice macro F1 over ${speakers.size} training speakers`,
  };
}
