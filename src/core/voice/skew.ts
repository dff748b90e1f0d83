import { groupIndices } from '../util/group-by.js';

/**
 * How far speaker and emotion go together in a corpus. Standardising a voice by its own clips takes away what
 * its clips share; when a speaker's clips are nearly all one emotion, that is the emotion. Many natural corpora
 * are like this (a talk show's guests are mostly angry or mostly calm).
 */
export interface SpeakerLabelSkew {
  speakers: number;
  /** Speakers who show at most `narrowAt` emotions. */
  narrow: number;
  narrowAt: number;
  /** Most speakers are narrow: speaker and emotion are confounded. */
  confounded: boolean;
}

/** A speaker shows an emotion when it holds at least this many of their clips ... */
const MIN_SHOWN_CLIPS = 2;
/** ... and at least this share of them. */
const MIN_SHOWN_SHARE = 0.1;

/**
 * From the labels alone: a speaker is narrow who shows one or two emotions (one, when the label set has two);
 * the corpus is confounded when more than half of its speakers are narrow. `labels` are class indices (-1: a clip
 * outside the label set, ignored).
 */
export function speakerLabelSkew(
  speakers: readonly string[],
  labels: readonly number[],
  classes: number,
): SpeakerLabelSkew {
  const narrowAt = Math.min(2, classes - 1);
  const groups = groupIndices(speakers.length, (i) => speakers[i]);
  let counted = 0;
  let narrow = 0;
  for (const idx of groups.values()) {
    const mine = idx.filter((i) => labels[i] >= 0);
    if (mine.length === 0) continue;
    counted++;
    const counts = new Array<number>(classes).fill(0);
    for (const i of mine) counts[labels[i]]++;
    const shown = counts.filter((c) => c >= MIN_SHOWN_CLIPS && c >= MIN_SHOWN_SHARE * mine.length).length;
    if (shown <= narrowAt) narrow++;
  }
  return { speakers: counted, narrow, narrowAt, confounded: counted >= 2 && narrow * 2 > counted };
}

/** The warning a confounded corpus gets in the report, `ser train`, Train and Evaluate. */
export function skewWarning(skew: SpeakerLabelSkew): string {
  return (
    `${skew.narrow} of ${skew.speakers} training speakers show ${skew.narrowAt === 1 ? 'one emotion' : 'one or two emotions'}: ` +
    'speaker and emotion are confounded. Standardising a voice by its own clips would take away the emotion it ' +
    'mostly shows, so this run uses no voice statistics (a known voice scores as a new one), and its scores ' +
    'partly measure who is speaking, not only how: expect lower scores on speakers who show other emotions.'
  );
}
