import type { FixedSpeakerNorm } from '../../common/options.js';
import { MIN_SPREAD, type VoicePopulation } from './population.js';
import { voiceMean, voiceVariance, type VoiceStats } from './voice-stats.js';

/** The centre and scale a clip's statistics are standardised with. */
export interface Standardiser {
  mean: ArrayLike<number>;
  std: ArrayLike<number>;
}

/**
 * What a clip of `voice` (null: a voice the model knows nothing of) is standardised with under `mode`. Every
 * mode falls back on the typical voice where the voice gives too little: no clips at all, or (for a spread)
 * fewer than two.
 */
export function voiceStandardiser(
  mode: Exclude<FixedSpeakerNorm, 'none'>,
  voice: VoiceStats | null,
  population: VoicePopulation,
): Standardiser {
  const n = voice?.clips ?? 0;
  if (!voice || n === 0) return { mean: population.mean, std: population.within };
  const own = voiceMean(voice);
  if (mode === 'mean') return { mean: own, std: population.within };
  if (mode === 'full') {
    if (n < 2) return { mean: own, std: population.within };
    return { mean: own, std: Float64Array.from(voiceVariance(voice), Math.sqrt) };
  }
  // shrink: the posterior mean of a voice whose mean is drawn from the population (spread `between`) and whose
  // clips scatter by `within` around it: n clips weigh n against within² / between².
  const mean = new Float64Array(own.length);
  for (let d = 0; d < own.length; d++) {
    const prior = (population.within[d] / Math.max(population.between[d], MIN_SPREAD)) ** 2;
    const w = n / (n + prior);
    mean[d] = w * own[d] + (1 - w) * population.mean[d];
  }
  return { mean, std: population.within };
}

/** (row - mean) / std, with 0 where a statistic has no spread. */
export function standardiseRow(row: ArrayLike<number>, s: Standardiser): Float32Array {
  const out = new Float32Array(row.length);
  for (let d = 0; d < row.length; d++) out[d] = s.std[d] > MIN_SPREAD ? (row[d] - s.mean[d]) / s.std[d] : 0;
  return out;
}
