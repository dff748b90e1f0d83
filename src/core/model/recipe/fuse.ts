import type { ClassicScore } from '../../classic/index.js';

/**
 * The fusion recipe's probabilities: the CNN's and the classic model's, averaged. The CNN uses no voice
 * statistics; the classic part brings what is known of the voice (its own blend of its two parts).
 */
export function fuseProbs(cnn: ArrayLike<number>, classic: Pick<ClassicScore, 'probs'>): number[] {
  return Array.from(cnn, (p, k) => (p + classic.probs[k]) / 2);
}
