import type { FixedSpeakerNorm } from '../../common/options.js';
import { groupIndices } from '../util/group-by.js';
import {
  adaptationWeight,
  blendProbs,
  HALF_WEIGHT_CLIPS,
  populationOf,
  standardiseRow,
  voiceOfRows,
  voiceStandardiser,
  type VoicePopulation,
  type VoiceStats,
} from '../voice/index.js';
import { fitLogistic, logisticProbs, type LogisticModel } from './logistic-regression.js';

/** sklearn's C for the classic model: chosen once on all five development corpora together (0.1 and 0.01 tie). */
export const CLASSIC_C = 0.1;
/** L-BFGS iterations: the development corpora's scores are the same at 200 and 500. */
export const CLASSIC_ITERATIONS = 200;

/**
 * The classic baseline: a multinomial logistic regression on each clip's MFCC and log-mel statistics
 * (clip-statistics.ts), twice over. The independent part scores a clip by itself, as it must for a voice it
 * has never heard; the adapted part scores the clip standardised by its voice's statistics. A prediction
 * blends them by how many clips of the voice are known (voice/adaptation.ts). Both are small matrices,
 * saved as JSON beside the CNN and scored by the same code in Node and the browser.
 */
export interface ClassicModel {
  kind: 'logistic';
  /** Null only in models saved before voices were scored both ways (the adapted part then always decides). */
  independent: LogisticModel | null;
  /** The clip statistics the independent part reads (voiceRobustStatistics); absent: all of them. */
  independentStats?: number[];
  /** Null when the run used no voice statistics. */
  adapted: AdaptedClassic | null;
}

export interface AdaptedClassic {
  mode: Exclude<FixedSpeakerNorm, 'none'>;
  /** The training speakers as voices: what a voice known from few clips is measured against. */
  population: VoicePopulation;
  /** Clips of a voice at which the adapted part weighs as much as the independent one. */
  halfWeightClips: number;
  logistic: LogisticModel;
}

export interface ClassicFitOptions {
  speakerNorm: FixedSpeakerNorm;
  /** Each row's speaker (needed unless speakerNorm is 'none'). */
  speakers?: readonly string[];
  /** The statistics the independent part reads (clip-statistics.ts's voiceRobustStatistics); default all. */
  independentStats?: readonly number[];
  c?: number;
}

/** `rows` are raw clip statistics, `labels` class indices. */
export function fitClassic(
  rows: readonly Float32Array[],
  labels: readonly number[],
  classes: number,
  opts: ClassicFitOptions,
): ClassicModel {
  const fit = (inputs: readonly Float32Array[]) =>
    fitLogistic(inputs, labels, classes, {
      c: opts.c ?? CLASSIC_C,
      maxIterations: CLASSIC_ITERATIONS,
      // The corpora are rarely balanced; a class's share in training says nothing of a new clip.
      balanced: true,
    });
  const picked = opts.independentStats;
  const independent = fit(picked ? rows.map((r) => pick(r, picked)) : rows);
  const independentStats = picked ? { independentStats: [...picked] } : {};
  if (opts.speakerNorm === 'none')
    return { kind: 'logistic', independent, ...independentStats, adapted: null };
  const { speakers } = opts;
  if (!speakers || speakers.length !== rows.length)
    throw new Error("standardising voices needs each training clip's speaker");
  const mode = opts.speakerNorm;
  const voices = voicesOf(rows, speakers);
  const population = populationOf([...voices.values()]);
  // A training speaker is standardised by all of their clips, as a known voice is at its best.
  const standardised = rows.map((r, i) =>
    standardiseRow(r, voiceStandardiser(mode, voices.get(speakers[i]) ?? null, population)),
  );
  return {
    kind: 'logistic',
    independent,
    ...independentStats,
    adapted: { mode, population, halfWeightClips: HALF_WEIGHT_CLIPS, logistic: fit(standardised) },
  };
}

/** The statistics at `indices` of a row. */
function pick(row: Float32Array, indices: readonly number[]): Float32Array {
  return Float32Array.from(indices, (i) => row[i]);
}

/** Each speaker's voice from their rows. */
export function voicesOf(
  rows: readonly Float32Array[],
  speakers: readonly string[],
): Map<string, VoiceStats> {
  if (rows.length !== speakers.length)
    throw new RangeError(`${rows.length} rows, ${speakers.length} speakers`);
  const dims = rows[0]?.length ?? 0;
  const groups = groupIndices(rows.length, (i) => speakers[i]);
  return new Map(
    [...groups].map(([s, idx]) => [
      s,
      voiceOfRows(
        idx.map((i) => rows[i]),
        dims,
      ),
    ]),
  );
}

/** The parts of one clip's score: each part's probabilities and what the model reports (their blend). */
export interface ClassicScore {
  probs: number[];
  independent: number[] | null;
  adapted: number[] | null;
  /** The adapted part's share in `probs`. */
  weight: number;
}

/** Class probabilities of one clip's raw statistics, its voice known from `voice` (null: not at all). */
export function classicScore(model: ClassicModel, row: Float32Array, voice: VoiceStats | null): ClassicScore {
  const independent = model.independent
    ? Array.from(
        logisticProbs(model.independent, model.independentStats ? pick(row, model.independentStats) : row),
      )
    : null;
  const { adapted } = model;
  if (!adapted) {
    if (!independent) throw new Error('the classic model has neither part');
    return { probs: independent, independent, adapted: null, weight: 0 };
  }
  const own = Array.from(
    logisticProbs(
      adapted.logistic,
      standardiseRow(row, voiceStandardiser(adapted.mode, voice, adapted.population)),
    ),
  );
  if (!independent) return { probs: own, independent: null, adapted: own, weight: 1 };
  const weight = adaptationWeight(voice?.clips ?? 0, adapted.halfWeightClips);
  return { probs: blendProbs(independent, own, weight), independent, adapted: own, weight };
}
