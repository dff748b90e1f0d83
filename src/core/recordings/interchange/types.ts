/** One annotated stretch of a recording as the interchange formats carry it. */
export interface Interval {
  start: number;
  end: number;
  /** The text of the interval as written (a label, or null for an unlabelled segment). */
  text: string | null;
}

/** A named tier of intervals (Praat and ELAN files may hold several; Audacity and the CSV one). */
export interface Tier {
  name: string;
  intervals: Interval[];
}

/** A file's intervals could not be read: the message names the line or element and the reason. */
export class InterchangeError extends Error {
  override readonly name = 'InterchangeError';
}

/** What an unlabelled segment is written as in formats where an empty text means a gap (TextGrid). */
export const UNLABELLED_TEXT = 'unlabelled';

/** Seconds as every format writes them: to the millisecond, with no trailing zeros ("1.5", "12.345"). */
export function formatSeconds(s: number): string {
  return String(Math.round(s * 1000) / 1000);
}

/** A boundary read from a file, kept to the millisecond. */
export function toMs(s: number): number {
  return Math.round(s * 1000) / 1000;
}

/** Text after a byte-order mark is removed; UTF-16 files (Praat writes them for non-ASCII text) decoded. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Checks intervals read from a file: finite, ordered, within the recording when its length is known. */
export function checkIntervals(intervals: readonly Interval[], where: string, durationS?: number): void {
  for (const [i, iv] of intervals.entries()) {
    const at = `${where}, interval ${i + 1}`;
    if (!Number.isFinite(iv.start) || !Number.isFinite(iv.end))
      throw new InterchangeError(`${at}: its times are not numbers`);
    if (iv.end <= iv.start)
      throw new InterchangeError(`${at}: it ends (${iv.end} s) before it starts (${iv.start} s)`);
    if (iv.start < 0) throw new InterchangeError(`${at}: it starts before 0 s (${iv.start} s)`);
    if (durationS !== undefined && iv.start >= durationS)
      throw new InterchangeError(
        `${at}: it starts at ${iv.start} s, after the recording's end (${durationS} s)`,
      );
  }
}
