import { describe, expect, it } from 'vitest';
import { confusionLines } from '../../../src/cli/confusion-table.js';
import { cellEnds } from './columns.js';

describe('the CLI confusion table', () => {
  it('keeps every count under its label, whatever the lengths of labels and counts', () => {
    const labels = ['sad', 'happy', 'surprise', 'boredom', 'fear'];
    const confusion = [
      [1, 22, 333, 4444, 0],
      [12345, 0, 1, 2, 3],
      [0, 0, 0, 0, 0],
      [7, 77, 777, 7, 7],
      [100000, 1, 1, 1, 1],
    ];
    const [header, ...rows] = confusionLines(labels, confusion);
    expect(header).toMatch(/^true \\ predicted\s+sad\s+happy\s+surprise\s+boredom\s+fear$/);
    expect(rows).toHaveLength(labels.length);
    const columns = cellEnds(header, labels.length);
    rows.forEach((row, i) => {
      expect(row.startsWith(labels[i])).toBe(true);
      expect(cellEnds(row, labels.length)).toEqual(columns);
      expect(row.trim().split(/\s+/).slice(1).map(Number)).toEqual(confusion[i]);
    });
  });

  it('widens the first column for a label longer than the corner text', () => {
    const labels = ['a-very-long-label-name', 'b'];
    const [header, ...rows] = confusionLines(labels, [
      [3, 4],
      [5, 6],
    ]);
    const columns = cellEnds(header, 2);
    for (const row of rows) expect(cellEnds(row, 2)).toEqual(columns);
    // the long label's row name never runs into its first count
    expect(rows[0]).toMatch(/^a-very-long-label-name\s{2,}\S/);
  });
});
