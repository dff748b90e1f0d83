import { InterchangeError, toMs, type Interval } from './types.js';

/**
 * Audacity's label track export: one label a line, "start<TAB>end<TAB>text" in seconds. Lines starting with a
 * backslash carry a label's frequency range (spectral selection) and are read past; a point label (start =
 * end) marks no stretch and is left out.
 */
export function parseAudacityLabels(text: string): Interval[] {
  const out: Interval[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('\\')) return;
    const [a, b, ...rest] = line.split('\t');
    const start = Number(a);
    const end = Number(b);
    if (
      b === undefined ||
      a.trim() === '' ||
      b.trim() === '' ||
      !Number.isFinite(start) ||
      !Number.isFinite(end)
    )
      throw new InterchangeError(
        `Audacity labels, line ${i + 1}: expected "start<TAB>end<TAB>label", found ${JSON.stringify(line.slice(0, 80))}`,
      );
    if (end === start) return;
    const label = rest.join('\t');
    out.push({ start: toMs(start), end: toMs(end), text: label === '' ? null : label });
  });
  return out;
}

/** Seconds with six decimals, as Audacity writes them. */
export function writeAudacityLabels(intervals: readonly Interval[]): string {
  const six = (s: number) => (Math.round(s * 1000) / 1000).toFixed(6);
  return intervals.map((iv) => `${six(iv.start)}\t${six(iv.end)}\t${iv.text ?? ''}\n`).join('');
}
