import { voiceMean, voiceVariance, type VoiceStats } from './voice-stats.js';

/**
 * The training speakers as a population of voices, statistic by statistic: the typical voice, how much one
 * voice's clips vary, and how much voices differ from each other. A clip of a voice the model knows little of
 * is measured against these.
 */
export interface VoicePopulation {
  /** The mean of the speakers' means. */
  mean: number[];
  /** Within a voice: the root of the mean of the speakers' variances. */
  within: number[];
  /** Between voices: the spread of speaker means around `mean`, less what their few clips explain. */
  between: number[];
  speakers: number;
}

/** Below this a spread counts as none: a statistic constant in training tells nothing. */
export const MIN_SPREAD = 1e-6;

/** The population of these voices (speakers with at least one clip). */
export function populationOf(voices: readonly VoiceStats[]): VoicePopulation {
  const present = voices.filter((v) => v.clips > 0);
  if (present.length === 0) throw new RangeError('a population needs at least one voice with clips');
  const dims = present[0].sum.length;
  const means = present.map(voiceMean);
  const variances = present.map(voiceVariance);
  const mean = new Array<number>(dims).fill(0);
  const withinVar = new Array<number>(dims).fill(0);
  const withVariance = present.filter((v) => v.clips >= 2).length;
  for (let k = 0; k < present.length; k++)
    for (let d = 0; d < dims; d++) {
      mean[d] += means[k][d] / present.length;
      if (present[k].clips >= 2) withinVar[d] += variances[k][d] / Math.max(withVariance, 1);
    }
  const meanClips = present.reduce((n, v) => n + v.clips, 0) / present.length;
  const between = new Array<number>(dims).fill(0);
  for (let d = 0; d < dims; d++) {
    let spread = 0;
    for (const m of means) spread += (m[d] - mean[d]) ** 2;
    spread /= Math.max(present.length - 1, 1);
    // A speaker mean of n clips scatters by within/n around the speaker's true mean: that part is not voices.
    between[d] = Math.sqrt(Math.max(spread - withinVar[d] / meanClips, MIN_SPREAD ** 2));
  }
  return { mean, within: withinVar.map(Math.sqrt), between, speakers: present.length };
}
