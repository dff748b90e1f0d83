import { describe, expect, it } from 'vitest';
import { groupBy, groupIndices } from '../../../src/core/util/group-by.js';

describe('groupBy', () => {
  it('keeps keys in order of first appearance and items in order within a group', () => {
    const g = groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (s) => s[0]);
    expect([...g.keys()]).toEqual(['b', 'a', 'c']);
    expect(g.get('b')).toEqual(['b1', 'b2']);
    expect(g.get('a')).toEqual(['a1', 'a2']);
  });

  it('groups indices by key', () => {
    const speakers = ['s2', 's1', 's2', 's2'];
    expect([...groupIndices(speakers.length, (i) => speakers[i])]).toEqual([
      ['s2', [0, 2, 3]],
      ['s1', [1]],
    ]);
  });

  it('groups 200,000 items into two groups quickly (no quadratic copying)', () => {
    const g = groupIndices(200_000, (i) => i % 2);
    expect(g.get(0)).toHaveLength(100_000);
    expect(g.get(1)![99_999]).toBe(199_999);
  });
});
