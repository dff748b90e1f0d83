/**
 * A confusion matrix as terminal lines: a header naming the predicted labels, then one row per true label,
 * every count right-aligned under its label. Columns are as wide as the widest label or count, so labels of
 * any length (and counts of any size) keep every column under its header.
 */
export function confusionLines(labels: readonly string[], confusion: readonly number[][]): string[] {
  const corner = 'true \\ predicted';
  const first = Math.max(corner.length, ...labels.map((l) => l.length));
  const width = Math.max(...labels.map((l) => l.length), ...confusion.flat().map((v) => String(v).length));
  const line = (name: string, cells: readonly string[]): string =>
    `${name.padEnd(first)}  ${cells.map((c) => c.padStart(width)).join('  ')}`;
  return [line(corner, labels), ...confusion.map((row, i) => line(labels[i] ?? '', row.map(String)))];
}
