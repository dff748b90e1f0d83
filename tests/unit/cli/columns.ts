/** Where each of the last `n` whitespace-separated cells of a line ends (its right edge). */
export function cellEnds(line: string, n: number): number[] {
  const ends = [...line.matchAll(/\S+/g)].map((m) => (m.index ?? 0) + m[0].length);
  return ends.slice(-n);
}

/** The confusion table in a command's output: its header line and the row under it for each label. */
export function confusionBlock(
  output: string,
  labels: readonly string[],
): { header: string; rows: string[] } {
  const lines = output.split('\n');
  const at = lines.findIndex((l) => l.startsWith('true \\ predicted'));
  if (at < 0) throw new Error(`no confusion table in:\n${output}`);
  return { header: lines[at], rows: lines.slice(at + 1, at + 1 + labels.length) };
}
