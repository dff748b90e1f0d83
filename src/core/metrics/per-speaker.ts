import type { PredictionRow, SpeakerScore } from './types.js';

/**
 * Accuracy per speaker. Keys are inserted in natural order, but JavaScript lists integer-like keys
 * ("2", "10") first whatever the insertion order, so a table should sort with naturalCompare.
 */
export function perSpeakerAccuracy(rows: readonly PredictionRow[]): Record<string, SpeakerScore> {
  const tally = new Map<string, { correct: number; clips: number }>();
  for (const row of rows) {
    const t = tally.get(row.speaker) ?? { correct: 0, clips: 0 };
    t.clips++;
    if (row.predicted === row.label) t.correct++;
    tally.set(row.speaker, t);
  }
  const result: Record<string, SpeakerScore> = {};
  for (const speaker of [...tally.keys()].sort(naturalCompare)) {
    const { correct, clips } = tally.get(speaker)!;
    result[speaker] = { accuracy: correct / clips, clips };
  }
  return result;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** "2" before "10" before "anna"; ties of case and accents broken by code point so the order is total. */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
