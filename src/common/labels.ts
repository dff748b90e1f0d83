/** Canonical emotion words the whole app speaks; the importer maps corpus codes and synonyms onto these. */
export const CANONICAL_LABELS = [
  'happy',
  'sad',
  'neutral',
  'calm',
  'angry',
  'boredom',
  'disgust',
  'fear',
  'surprise',
] as const;
export type CanonicalLabel = (typeof CANONICAL_LABELS)[number];
export const DEFAULT_LABELS: readonly CanonicalLabel[] = ['happy', 'sad', 'neutral'];
