import type { ClassicScore } from '../../classic/index.js';

/**
 * The temperature the CNN's probabilities are softened at before they meet the classic model's (its logits
 * divided by 5). On a voice it has not heard the CNN is often sure and wrong (TESS: probabilities of 1.0 for
 * the wrong class), while the classic model's regularised probabilities are not; averaged as they were, the
 * sure model decided. Measured on the harness's held-out predictions of all development corpora and their
 * skewed variants at once (DESIGN-NOTES.md): new-voice macro F1 0.707 -> 0.725 (dev), 0.691 -> 0.692 (skewed).
 */
export const CNN_FUSION_TEMPERATURE = 5;

/** softmax(logits / temperature), from the probabilities softmax(logits). */
export function soften(probs: ArrayLike<number>, temperature: number): number[] {
  if (temperature === 1) return Array.from(probs);
  // A probability of exactly 0 (float32 underflow) is taken as 1e-6, so softening can still raise it.
  const q = Array.from(probs, (p) => Math.max(p, 1e-6) ** (1 / temperature));
  const sum = q.reduce((a, b) => a + b, 0);
  return q.map((v) => v / sum);
}

/**
 * The fusion recipe's probabilities. For a voice it knows nothing of: the CNN's (softened at `temperature`) and
 * the classic model's independent part, averaged. As it learns the voice, the classic model's voice-adapted
 * part takes over by the same weight as in the classic recipe (the CNN uses no voice statistics, and with them
 * the adapted part alone scored higher on every development corpus: DESIGN-NOTES.md); a model trained without
 * voice statistics (a confounded corpus) has no adapted part and stays with the first average. Models saved
 * before voices were scored both ways (one classic part) average the CNN with it, as they were evaluated.
 */
export function fuseProbs(cnn: ArrayLike<number>, classic: ClassicScore, temperature = 1): number[] {
  const { independent, adapted } = classic;
  if (!independent) return Array.from(cnn, (p, k) => (p + classic.probs[k]) / 2);
  const weight = adapted ? classic.weight : 0;
  return soften(cnn, temperature).map(
    (p, k) => (1 - weight) * ((p + independent[k]) / 2) + weight * (adapted?.[k] ?? 0),
  );
}
