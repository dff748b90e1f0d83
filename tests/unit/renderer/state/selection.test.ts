import { describe, expect, it, vi } from 'vitest';
import type { ClipFilter } from '../../../../src/common/contract.js';
import { fakeClient, row, settle } from './fake-client.js';

const TOTAL = 50;
const plain = { shift: false, toggle: false };

/** A fresh clip list over a fake project of TOTAL clips (speaker 08 has the even ids), and a selection in it. */
async function setup() {
  vi.resetModules();
  const { studio } = await import('../../../../src/renderer/lib/state/studio.svelte.js');
  const { ClipsQuery } = await import('../../../../src/renderer/lib/state/clips-query.svelte.js');
  const { Selection } = await import('../../../../src/renderer/lib/state/selection.svelte.js');
  const fake = fakeClient({
    'project.info': () => ({ labels: [], stats: { clips: TOTAL } }),
    'clips.list': (p: { offset: number; limit: number; filter: ClipFilter }) => {
      const all = Array.from({ length: TOTAL }, (_, i) => i + 1).filter(
        (id) => p.filter.speaker === undefined || id % 2 === 0,
      );
      return { rows: all.slice(p.offset, p.offset + p.limit).map(row), total: all.length, offset: p.offset };
    },
  });
  studio.connect(fake.client);
  const clips = new ClipsQuery();
  clips.setFilter({});
  await settle();
  return { clips, selection: new Selection(clips) };
}

describe('selection: a new filter or sort empties it', () => {
  it('a new filter drops the picked rows and the anchor', async () => {
    const { clips, selection } = await setup();
    await selection.click(0, 1, plain);
    await selection.click(2, 3, { shift: false, toggle: true });
    expect(selection.size(clips.total)).toBe(2);
    expect(selection.anchor).toBe(2);

    clips.setFilter({ speaker: '08' });
    await settle();
    expect(selection.size(clips.total)).toBe(0);
    expect(selection.has(1)).toBe(false);
    expect(selection.has(3)).toBe(false);
    expect(selection.anchor).toBeNull();
    expect(await selection.resolve()).toEqual([]);
  });

  it('"all" of one list is not "all" of the next (a new sort)', async () => {
    const { clips, selection } = await setup();
    selection.selectAll();
    expect(selection.all).toBe(true);
    expect(selection.size(clips.total)).toBe(TOTAL);

    clips.setSort('label');
    await settle();
    expect(selection.all).toBe(false);
    expect(selection.size(clips.total)).toBe(0);
    expect(await selection.resolve()).toEqual([]);
  });

  it('a shift-click after a new filter selects one row, not a range from the old anchor', async () => {
    const { clips, selection } = await setup();
    await selection.click(0, 1, plain);
    clips.setFilter({ speaker: '08' });
    await settle();

    await selection.click(3, 8, { shift: true, toggle: false });
    expect(await selection.resolve()).toEqual([8]);
    expect(selection.anchor).toBe(3);
  });

  it('within one list, shift-click extends from the anchor', async () => {
    const { clips, selection } = await setup();
    await selection.click(1, 2, plain);
    await selection.click(4, 5, { shift: true, toggle: false });
    expect((await selection.resolve()).sort((a, b) => a - b)).toEqual([2, 3, 4, 5]);
    expect(selection.size(clips.total)).toBe(4);
  });
});
