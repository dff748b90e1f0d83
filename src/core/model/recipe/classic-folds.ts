import type { FixedSpeakerNorm } from '../../../common/options.js';
import {
  classicScore,
  clipStatistics,
  fitClassic,
  type ClassicModel,
  type ClassicScore,
} from '../../classic/index.js';
import { speakerLabelSkew, type SpeakerLabelSkew } from '../../voice/index.js';
import { bankSpec, type FeatureBank } from '../feature-bank.js';
import { conditionVoices, type VoiceCondition } from './voice-conditions.js';

/** Every clip's classic statistics, in bank order (computed once per run: about 2 ms a clip). */
export function classicRows(bank: FeatureBank): Float32Array[] {
  return Array.from({ length: bank.frames.length }, (_, i) => clipStatistics(bankSpec(bank, i)));
}

export interface ClassicData {
  rows: readonly Float32Array[];
  speakers: readonly string[];
  /** Class index of each clip (-1: not in the label set, or kept out of this fit). */
  labels: readonly number[];
  classes: number;
  /** The statistics the independent part reads (default all). */
  independentStats?: readonly number[];
}

/** The clips of `data` that have a label and are not in `held` (a fold's test clips). */
export function trainingClips(data: ClassicData, held: ReadonlySet<number> = new Set()): number[] {
  return data.labels.flatMap((l, i) => (l >= 0 && !held.has(i) ? [i] : []));
}

/** How far speaker and emotion go together among `train` clips (their labels only). */
export function skewOf(data: ClassicData, train: readonly number[]): SpeakerLabelSkew {
  return speakerLabelSkew(
    train.map((i) => data.speakers[i]),
    train.map((i) => data.labels[i]),
    data.classes,
  );
}

/**
 * The voice standardisation a fit on `train` may use: the one asked for, unless its speakers are confounded with
 * their emotions, where standardising a voice by its own clips would remove the emotion (then none).
 */
export function usableSpeakerNorm(
  requested: FixedSpeakerNorm,
  data: ClassicData,
  train: readonly number[],
): FixedSpeakerNorm {
  return requested !== 'none' && skewOf(data, train).confounded ? 'none' : requested;
}

/** The classic model trained on `train` clips only. */
export function fitClassicOn(
  data: ClassicData,
  train: readonly number[],
  speakerNorm: FixedSpeakerNorm,
): ClassicModel {
  return fitClassic(
    train.map((i) => data.rows[i]),
    train.map((i) => data.labels[i]),
    data.classes,
    { speakerNorm, speakers: train.map((i) => data.speakers[i]), independentStats: data.independentStats },
  );
}

/**
 * The classic scores of `test` clips (in order) under every voice condition: each clip's voice comes from the
 * test clips of its speaker (no labels needed), as a project would measure a speaker from their clips.
 * Undefined where a condition asks for more clips than the voice has.
 */
export function classicConditionScores(
  model: ClassicModel,
  data: ClassicData,
  test: readonly number[],
  seed: number,
): Map<VoiceCondition, Array<ClassicScore | undefined>> {
  const voices = conditionVoices(test, data.speakers, data.rows, seed);
  return new Map(
    [...voices].map(([condition, perClip]) => [
      condition,
      test.map((i, k) => {
        const voice = perClip[k];
        return voice === undefined ? undefined : classicScore(model, data.rows[i] as Float32Array, voice);
      }),
    ]),
  );
}
