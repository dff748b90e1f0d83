/**
 * Clips of a voice at which the voice-adapted score counts as much as the voice-independent one. A voice's
 * statistics from one or two clips are mostly those clips' own emotion; from eight they are mostly the voice.
 * Chosen on the harness's adaptation curves over every development corpus and stress variant (DESIGN-NOTES.md).
 */
export const HALF_WEIGHT_CLIPS = 2;

/** The adapted part's share of a prediction for a voice known from `clips` clips: 0 for a voice never heard. */
export function adaptationWeight(clips: number, halfWeightClips = HALF_WEIGHT_CLIPS): number {
  return clips <= 0 ? 0 : clips / (clips + halfWeightClips);
}

/** (1 - w) * independent + w * adapted, class by class. */
export function blendProbs(independent: ArrayLike<number>, adapted: ArrayLike<number>, w: number): number[] {
  return Array.from(independent, (p, k) => (1 - w) * p + w * adapted[k]);
}
