import { groupIndices } from '../util/group-by.js';
import { fitLogistic, logisticProbs, type LogisticModel } from './logistic-regression.js';
import { featureStats, standardiseWith, type SpeakerStats } from './speaker-standardise.js';

/** sklearn's C for the classic model: chosen once on all five development corpora together (0.1 and 0.01 tie). */
export const CLASSIC_C = 0.1;
/** L-BFGS iterations: the development corpora's scores are the same at 200 and 500. */
const CLASSIC_ITERATIONS = 200;

/**
 * The classic baseline: a multinomial logistic regression on each clip's MFCC and log-mel statistics
 * (clip-statistics.ts), optionally standardised per speaker. Its model is a small matrix, saved as JSON
 * beside the CNN and scored by the same code in Node and the browser.
 */
export interface ClassicModel {
  kind: 'logistic';
  speakerNorm: boolean;
  /**
   * The training clips' feature statistics before any speaker standardisation: what a clip of an unknown
   * speaker is standardised with when the model expects speaker statistics and none are given.
   */
  population: { mean: number[]; std: number[] };
  logistic: LogisticModel;
}

/** `rows` are raw clip statistics; with speakerNorm, `speakers` names each row's speaker. */
export function fitClassic(
  rows: readonly Float32Array[],
  labels: readonly number[],
  classes: number,
  opts: { speakerNorm: boolean; speakers?: readonly string[] },
): ClassicModel {
  const population = featureStats(rows);
  const inputs = opts.speakerNorm ? standardiseBySpeaker(rows, opts.speakers) : rows;
  return {
    kind: 'logistic',
    speakerNorm: opts.speakerNorm,
    population: { mean: Array.from(population.mean), std: Array.from(population.std) },
    logistic: fitLogistic(inputs, labels, classes, { c: CLASSIC_C, maxIterations: CLASSIC_ITERATIONS }),
  };
}

/**
 * Class probabilities of clips given as raw statistics. With a speaker-standardised model, clips are
 * standardised by the statistics of their own speaker's clips among `rows` when `speakers` is given (at
 * least two clips of that speaker), else by the training population's.
 */
export function classicProbs(
  model: ClassicModel,
  rows: readonly Float32Array[],
  speakers?: readonly string[],
): Float32Array[] {
  if (!model.speakerNorm) return rows.map((r) => logisticProbs(model.logistic, r));
  const population: SpeakerStats = {
    mean: Float64Array.from(model.population.mean),
    std: Float64Array.from(model.population.std),
    clips: 0,
  };
  const stats = speakers ? statsBySpeaker(rows, speakers) : new Map<string, SpeakerStats>();
  return rows.map((r, i) => {
    const own = speakers ? stats.get(speakers[i]) : undefined;
    return logisticProbs(model.logistic, standardiseWith(r, own && own.clips >= 2 ? own : population));
  });
}

function statsBySpeaker(
  rows: readonly Float32Array[],
  speakers: readonly string[],
): Map<string, SpeakerStats> {
  if (rows.length !== speakers.length)
    throw new RangeError(`${rows.length} rows, ${speakers.length} speakers`);
  const groups = groupIndices(rows.length, (i) => speakers[i]);
  return new Map([...groups].map(([s, idx]) => [s, featureStats(idx.map((i) => rows[i]))]));
}

function standardiseBySpeaker(rows: readonly Float32Array[], speakers?: readonly string[]): Float32Array[] {
  if (!speakers) throw new Error("speaker standardisation needs each clip's speaker");
  const stats = statsBySpeaker(rows, speakers);
  return rows.map((r, i) => standardiseWith(r, stats.get(speakers[i]) as SpeakerStats));
}
