import { formatCsvRow, parseCsv } from '../../dataset/csv.js';
import { formatSeconds, InterchangeError, toMs, type Interval } from './types.js';

const HEADER = ['start', 'end', 'label'];

/** The studio's CSV of segments: start,end,label (seconds; an empty label is an unlabelled segment). */
export function parseSegmentsCsv(text: string): Interval[] {
  const rows = parseCsv(text);
  if (rows.length === 0) return [];
  const head = rows[0].map((h) => h.trim().toLowerCase());
  const col = (name: string) => head.indexOf(name);
  if (col('start') < 0 || col('end') < 0)
    throw new InterchangeError(
      `segments CSV: the first row must name the columns start,end[,label]; found ${rows[0].join(',')}`,
    );
  return rows.slice(1).map((row, i) => {
    const start = Number(row[col('start')]);
    const end = Number(row[col('end')]);
    if (
      !Number.isFinite(start) ||
      !Number.isFinite(end) ||
      row[col('start')].trim() === '' ||
      row[col('end')].trim() === ''
    )
      throw new InterchangeError(`segments CSV, row ${i + 2}: start and end must be numbers of seconds`);
    const label = col('label') >= 0 ? (row[col('label')] ?? '').trim() : '';
    return { start: toMs(start), end: toMs(end), text: label === '' ? null : label };
  });
}

export function writeSegmentsCsv(intervals: readonly Interval[]): string {
  const lines = [HEADER.join(',')];
  for (const iv of intervals)
    lines.push(formatCsvRow([formatSeconds(iv.start), formatSeconds(iv.end), iv.text ?? '']));
  return `${lines.join('\n')}\n`;
}
