import { CANONICAL_LABELS, type CanonicalLabel } from '../../../common/labels.js';

export function isLabel(word: string | null | undefined): word is CanonicalLabel {
  return word != null && (CANONICAL_LABELS as readonly string[]).includes(word);
}

/** The contract takes canonical words only; the UI offers nothing else, this narrows the type. */
export function toLabels(words: readonly string[]): CanonicalLabel[] {
  return words.filter(isLabel);
}

export function toLabel(word: string | null | undefined): CanonicalLabel | null {
  return isLabel(word) ? word : null;
}
