import type { ClassicScore } from '../../classic/index.js';

/**
 * The fusion recipe's probabilities. For a voice it knows nothing of: the CNN's and the classic model's
 * independent part, averaged. As it learns the voice, the classic model's voice-adapted part takes over by the
 * same weight as in the classic recipe (the CNN uses no voice statistics, and with them the adapted part alone
 * scored higher on every development corpus: DESIGN-NOTES.md). Models without the two parts average the CNN
 * with whatever the classic model gives.
 */
export function fuseProbs(cnn: ArrayLike<number>, classic: ClassicScore): number[] {
  const { independent, adapted, weight } = classic;
  if (!independent || !adapted) return Array.from(cnn, (p, k) => (p + classic.probs[k]) / 2);
  return Array.from(cnn, (p, k) => (1 - weight) * ((p + independent[k]) / 2) + weight * adapted[k]);
}
