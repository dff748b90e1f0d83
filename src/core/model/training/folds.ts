import { groupBy } from '../../util/group-by.js';
import {
  leaveOneSpeakerOut,
  randomSplit,
  speakerKFold,
  speakerSplit,
  type SplitRow,
} from '../../dataset/splits.js';
import { createRng } from '../../util/random.js';
import type { SplitSpec, TrainConfig } from '../config.js';
import { decideSplit, type SplitDecision } from './refusals.js';
import { valShareSeed } from './seeds.js';

/** One training of a run, in clip indices: the held-out test part is empty for the final model. */
export interface PlannedFold {
  /** 0.. for the evaluation folds; 'final' for the model trained on every speaker after them. */
  fold: number | 'final';
  train: number[];
  val: number[];
  test: number[];
  testSpeakers: string[];
  valSpeakers: string[];
  /** How the validation clips were chosen, for the record. */
  valKind: 'speakers' | 'random' | 'none';
}

/** Holding out validation speakers must leave at least this many training speakers. */
export const MIN_TRAIN_SPEAKERS_FOR_SPEAKER_VAL = 4;

/**
 * The trainings a split asks for. 'speaker' and 'random' train once (the model is the one evaluated);
 * 'loso' and 'kfold:K' train once per fold (pooled held-out predictions) and then once more on all speakers.
 * Every training gets validation clips for early stopping: held-out speakers where the training speakers
 * allow it, else a stratified random share of its training clips.
 */
export function planFolds(
  rows: readonly SplitRow[],
  split: SplitSpec,
  seed: number,
  valFraction: number,
): PlannedFold[] {
  const withVal = (f: Omit<PlannedFold, 'valKind'>): PlannedFold =>
    withValidation(rows, f, seed, valFraction);
  if (split === 'speaker' || split === 'random') {
    const s = split === 'speaker' ? speakerSplit(rows, { seed }) : randomSplit(rows, { seed });
    return [
      withVal({
        fold: 0,
        train: s.train,
        val: s.val,
        test: s.test,
        testSpeakers: s.speakers.test,
        valSpeakers: s.speakers.val,
      }),
    ];
  }
  const folds =
    split === 'loso'
      ? leaveOneSpeakerOut(rows, { seed, valFraction })
      : speakerKFold(rows, Number(split.slice(6)), { seed, valFraction });
  const planned = folds.map((f) =>
    withVal({
      fold: f.fold,
      train: f.train,
      val: f.val,
      test: f.test,
      testSpeakers: f.testSpeakers,
      valSpeakers: f.valSpeakers,
    }),
  );
  const all = speakerSplit(rows, { seed, fractions: { train: 1 - valFraction, val: valFraction, test: 0 } });
  planned.push(
    withVal({
      fold: 'final',
      train: all.train,
      val: all.val,
      test: [],
      testSpeakers: [],
      valSpeakers: all.speakers.val,
    }),
  );
  return planned;
}

/**
 * A training's validation clips: its validation speakers where enough training speakers are left, else a
 * stratified random share of its clips (none with valFraction 0).
 */
function withValidation(
  rows: readonly SplitRow[],
  f: Omit<PlannedFold, 'valKind'>,
  seed: number,
  valFraction: number,
): PlannedFold {
  if (valFraction <= 0)
    return {
      ...f,
      train: [...f.train, ...f.val].sort((a, b) => a - b),
      val: [],
      valSpeakers: [],
      valKind: 'none',
    };
  const speakerOf = new Map(rows.map((r) => [r.id, r.speaker]));
  const trainingSpeakers = new Set(f.train.map((id) => speakerOf.get(id))).size;
  if (f.val.length > 0 && trainingSpeakers >= MIN_TRAIN_SPEAKERS_FOR_SPEAKER_VAL)
    return { ...f, valKind: 'speakers' };
  // Too few voices to spare one: every training speaker stays in, and a share of their clips validates.
  const train = [...f.train, ...f.val].sort((a, b) => a - b);
  return { ...f, ...randomVal(rows, train, valFraction, valShareSeed(seed, f.fold)) };
}

function randomVal(
  rows: readonly SplitRow[],
  train: number[],
  fraction: number,
  seed: number,
): { train: number[]; val: number[]; valSpeakers: string[]; valKind: 'random' } {
  const label = new Map(rows.map((r) => [r.id, r.label]));
  const byLabel = groupBy(train, (id) => label.get(id) ?? '');
  const rng = createRng(seed);
  const val: number[] = [];
  for (const l of [...byLabel.keys()].sort()) {
    const ids = rng.shuffle([...(byLabel.get(l) ?? [])]);
    // At least one clip of each label where there are two or more, so validation sees every class.
    const n = ids.length >= 2 ? Math.max(1, Math.round(ids.length * fraction)) : 0;
    val.push(...ids.slice(0, n));
  }
  const held = new Set(val);
  return {
    train: train.filter((id) => !held.has(id)),
    val: val.sort((a, b) => a - b),
    valSpeakers: [],
    valKind: 'random',
  };
}

/**
 * The trainings a run makes of these clips (those in the label set, by their index in `clips`): the split
 * as decideSplit settles it, and each fold's training, validation and test clips.
 */
export function trainingPlanOf(
  clips: ReadonlyArray<{ speaker: string; label: string }>,
  config: Pick<TrainConfig, 'labels' | 'split' | 'seed' | 'foldValidation' | 'valFraction'>,
  skipFinal = false,
): { decision: SplitDecision; plan: PlannedFold[] } {
  const usable = clips.map((c, i) => ({ c, i })).filter(({ c }) => config.labels.includes(c.label));
  const decision = decideSplit(
    usable.map(({ c }) => c),
    config.labels,
    config.split,
  );
  const rows = usable.map(({ c, i }) => ({ id: i, speaker: c.speaker, label: c.label }));
  const folded = decision.split === 'loso' || decision.split.startsWith('kfold:');
  const valFraction = folded && !config.foldValidation ? 0 : config.valFraction;
  const plan = planFolds(rows, decision.split, config.seed, valFraction).filter(
    (f) => !skipFinal || f.fold !== 'final',
  );
  return { decision, plan };
}
