import { describe, expect, it } from 'vitest';
import { computeMetrics, naturalCompare, perSpeakerAccuracy } from '../../../src/core/metrics/index.js';
import { row_ } from './rows.js';

describe('per-speaker accuracy', () => {
  const rows = [
    row_('a', 'a', '10'),
    row_('a', 'b', '10'),
    row_('b', 'b', '10'),
    row_('b', 'b', '10'),
    row_('a', 'a', '2'),
    row_('c', 'a', 'anna'),
    row_('c', 'c', '03'),
  ];

  it('gives accuracy and clip count for each speaker', () => {
    const s = perSpeakerAccuracy(rows);
    expect(s['10']).toEqual({ accuracy: 0.75, clips: 4 });
    expect(s['2']).toEqual({ accuracy: 1, clips: 1 });
    expect(s.anna).toEqual({ accuracy: 0, clips: 1 });
    expect(s['03']).toEqual({ accuracy: 1, clips: 1 });
  });

  it('counts distinct speakers', () => {
    const m = computeMetrics(rows, ['a', 'b', 'c']);
    expect(m.speakers).toBe(4);
    expect(Object.keys(m.per_speaker).sort()).toEqual(['03', '10', '2', 'anna']);
  });

  it('sorts speaker names naturally and totally', () => {
    expect(['anna', '10', '03', '2', 'Anna', 'sp1', 'sp12', 'sp3'].sort(naturalCompare)).toEqual([
      '2',
      '03',
      '10',
      'Anna',
      'anna',
      'sp1',
      'sp3',
      'sp12',
    ]);
  });
});
