import { CANONICAL_LABELS, DEFAULT_LABELS, type CanonicalLabel } from '../../common/labels.js';

/**
 * The emotion words the studio knows (src/common/labels.ts, shared with the renderer). Every label stored in a
 * project is one of these (or, from a manifest that uses a word we don't know, that word as written), so
 * "Happy", "hap" and "joy" never become three classes.
 */
export { CANONICAL_LABELS, type CanonicalLabel };

export const DEFAULT_LABEL_SET: readonly CanonicalLabel[] = DEFAULT_LABELS;

// 'ps' (TESS's "pleasant surprise") is deliberately absent: as a folder name it is far more likely to mean
// something else, so only the TESS file convention maps it.
const ALIASES: Record<string, CanonicalLabel> = {
  hap: 'happy',
  happiness: 'happy',
  joy: 'happy',
  joyful: 'happy',
  glad: 'happy',
  sadness: 'sad',
  neu: 'neutral',
  neutrality: 'neutral',
  calmness: 'calm',
  ang: 'angry',
  anger: 'angry',
  mad: 'angry',
  bored: 'boredom',
  dis: 'disgust',
  disgusted: 'disgust',
  fea: 'fear',
  fearful: 'fear',
  afraid: 'fear',
  sur: 'surprise',
  surprised: 'surprise',
  pleasant_surprise: 'surprise',
  pleasant_surprised: 'surprise',
};

const CANONICAL_SET: ReadonlySet<string> = new Set(CANONICAL_LABELS);

export function isCanonicalLabel(word: string): word is CanonicalLabel {
  return CANONICAL_SET.has(word);
}

/**
 * The canonical word for a label as people write it: any case, surrounding blanks, and (for folder names
 * like `03-happiness` or `2_Sad`) a leading number are tolerated; anything else must be a known word or alias.
 */
export function canonicalLabel(word: string): CanonicalLabel | undefined {
  const w = word
    .trim()
    .toLowerCase()
    .replace(/^\d+[\s._-]*/, '')
    .replace(/[\s-]+/g, '_');
  if (isCanonicalLabel(w)) return w;
  return ALIASES[w];
}

/** Parses a user-given label list ("happy,sad,Neutral"), canonical, de-duplicated, in the given order. */
export function parseLabelList(list: string | readonly string[]): CanonicalLabel[] {
  const words = typeof list === 'string' ? list.split(',') : list;
  const out: CanonicalLabel[] = [];
  for (const raw of words) {
    if (raw.trim() === '') continue;
    const label = canonicalLabel(raw);
    if (!label) throw new UnknownLabelError(raw);
    if (!out.includes(label)) out.push(label);
  }
  return out;
}

export class UnknownLabelError extends Error {
  constructor(readonly word: string) {
    super(`unknown label "${word.trim()}": use one of ${CANONICAL_LABELS.join(', ')}`);
    this.name = 'UnknownLabelError';
  }
}
