// Annotation files of other tools, read into tiers of intervals and written from them. Browser-safe.
import { parseAudacityLabels, writeAudacityLabels } from './audacity.js';
import { parseEaf, writeEaf } from './eaf.js';
import { parseSegmentsCsv, writeSegmentsCsv } from './segments-csv.js';
import { parseTextGrid, writeTextGrid } from './textgrid.js';
import { decodeText, InterchangeError, UNLABELLED_TEXT, type Interval, type Tier } from './types.js';

export * from './types.js';
export { parseTextGrid, writeTextGrid, parseEaf, writeEaf, parseAudacityLabels, writeAudacityLabels };
export { parseSegmentsCsv, writeSegmentsCsv };

export const INTERCHANGE_FORMATS = ['textgrid', 'textgrid-short', 'eaf', 'audacity', 'csv'] as const;
export type InterchangeFormat = (typeof INTERCHANGE_FORMATS)[number];

/** The tier a studio export writes, and the one an import reads first when a file has several. */
export const EMOTION_TIER = 'emotion';

/** A format from a file name: .TextGrid, .eaf, .csv; .txt is Audacity's label export. */
export function formatOfName(name: string): InterchangeFormat | null {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  return ext === 'textgrid'
    ? 'textgrid'
    : ext === 'eaf'
      ? 'eaf'
      : ext === 'csv'
        ? 'csv'
        : ext === 'txt'
          ? 'audacity'
          : null;
}

/**
 * The intervals of an annotation file: of tier `tierName` when given, else of the tier named "emotion", else
 * of the first tier with any. Empty texts of a TextGrid are the gaps between utterances; "unlabelled" is an
 * utterance without a label (what an export writes for one).
 */
export function readIntervals(
  bytes: Uint8Array,
  format: InterchangeFormat,
  tierName?: string,
): { tier: string; intervals: Interval[] } {
  const text = decodeText(bytes);
  if (format === 'audacity') return { tier: 'labels', intervals: parseAudacityLabels(text) };
  if (format === 'csv') return { tier: 'segments', intervals: parseSegmentsCsv(text) };
  const tiers: Tier[] = format === 'eaf' ? parseEaf(text) : parseTextGrid(text).tiers;
  const tier =
    tierName !== undefined
      ? tiers.find((t) => t.name === tierName)
      : (tiers.find((t) => t.name.toLowerCase() === EMOTION_TIER) ??
        tiers.find((t) => t.intervals.some((iv) => iv.text !== null && iv.text.trim() !== '')));
  if (!tier)
    throw new InterchangeError(
      tierName !== undefined
        ? `no tier named "${tierName}" (the file has ${tiers.map((t) => `"${t.name}"`).join(', ') || 'none'})`
        : 'the file has no interval tier with any annotation',
    );
  // In a TextGrid an empty interval is the gap between two utterances; in ELAN an empty annotation is one.
  const kept =
    format === 'eaf' ? tier.intervals : tier.intervals.filter((iv) => (iv.text ?? '').trim() !== '');
  const intervals = kept.map((iv) => {
    const t = (iv.text ?? '').trim();
    return { ...iv, text: t === '' || t === UNLABELLED_TEXT ? null : t };
  });
  return { tier: tier.name, intervals };
}

/** An annotation file of these intervals (one tier) for a recording of `durationS`. */
export function writeIntervals(
  intervals: readonly Interval[],
  format: InterchangeFormat,
  durationS: number,
  mediaName: string,
): string {
  const labelled = (iv: Interval): Interval => ({ ...iv, text: iv.text ?? UNLABELLED_TEXT });
  switch (format) {
    case 'textgrid':
    case 'textgrid-short':
      return writeTextGrid(
        [{ name: EMOTION_TIER, intervals: intervals.map(labelled) }],
        durationS,
        format === 'textgrid' ? 'long' : 'short',
      );
    case 'eaf':
      return writeEaf([{ name: EMOTION_TIER, intervals: intervals.map(labelled) }], mediaName);
    case 'audacity':
      return writeAudacityLabels(intervals);
    case 'csv':
      return writeSegmentsCsv(intervals);
  }
}

export function fileExtensionOf(format: InterchangeFormat): string {
  return { textgrid: 'TextGrid', 'textgrid-short': 'TextGrid', eaf: 'eaf', audacity: 'txt', csv: 'csv' }[
    format
  ];
}
