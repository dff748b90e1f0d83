import { describe, expect, it, vi } from 'vitest';
import type { ClipFilter, ClipRow } from '../../../../src/common/contract.js';
import { fakeClient, settle } from './fake-client.js';

interface Clip {
  id: number;
  label: string | null;
  status: 'ok' | 'rejected';
  speaker: string;
}

/**
 * A project of clips behind a fake `clips.list` that filters on status, label set, unlabelled and speaker
 * and sorts by id (descending with `desc`), as the server does; `clips.relabel` changes the project.
 */
async function setup(project: Clip[]) {
  vi.resetModules();
  const { studio } = await import('../../../../src/renderer/lib/state/studio.svelte.js');
  const { clips } = await import('../../../../src/renderer/lib/state/clips-query.svelte.js');
  const { review } = await import('../../../../src/renderer/lib/state/review.svelte.js');
  const labels = ['happy', 'sad'];
  const matches = (c: Clip, f: ClipFilter): boolean =>
    (f.status === undefined || c.status === f.status) &&
    (f.inLabelSet === undefined || (c.label === null || labels.includes(c.label)) === f.inLabelSet) &&
    (f.unlabelled === undefined || (c.label === null) === f.unlabelled) &&
    (f.speaker === undefined || c.speaker === f.speaker);
  const fake = fakeClient({
    'project.info': () => ({ labels, stats: { clips: project.length } }),
    'clips.list': (p: { offset: number; limit: number; filter: ClipFilter; desc: boolean }) => {
      const all = project
        .filter((c) => matches(c, p.filter))
        .sort((a, b) => (p.desc ? b.id - a.id : a.id - b.id));
      const rows = all
        .slice(p.offset, p.offset + p.limit)
        .map((c) => ({ ...c, name: `${c.id}.wav` }) as unknown as ClipRow);
      return { rows, total: all.length, offset: p.offset };
    },
    'clips.get': (p: { id: number }) => ({
      ...project.find((c) => c.id === p.id)!,
      name: `${p.id}.wav`,
      history: [],
    }),
    'clips.relabel': (p: { ids: number[]; label: string | null }) => {
      for (const c of project) if (p.ids.includes(c.id)) c.label = p.label;
      return { changed: p.ids.length };
    },
  });
  studio.connect(fake.client);
  await settle();
  return { review, clips, calls: fake.calls };
}

const clip = (id: number, label: string | null, status: Clip['status'] = 'ok', speaker = '03'): Clip => ({
  id,
  label,
  status,
  speaker,
});

/** Walks the whole list with next(), returning the ids seen and the position after each step. */
async function walk(review: {
  open(i: number): Promise<void>;
  next(): Promise<void>;
  index: number;
  clipId: number | null;
}) {
  await review.open(0);
  const seen = [review.clipId];
  for (;;) {
    const before = review.index;
    await review.next();
    if (review.index === before) return seen;
    seen.push(review.clipId);
  }
}

describe('the queue Review walks is the Clips filter’s result, in its order', () => {
  const project = (): Clip[] => [
    clip(1, 'happy'),
    clip(2, 'angry'), // outside the label set
    clip(3, null, 'rejected'), // a rejected file
    clip(4, 'sad', 'ok', '08'),
    clip(5, null),
    clip(6, 'happy', 'rejected'),
  ];

  it('starts from the label set without rejected files', async () => {
    const { review, clips, calls } = await setup(project());
    expect(clips.filter).toEqual({ inLabelSet: true, status: 'ok' });
    expect(await walk(review)).toEqual([1, 4, 5]);
    expect(clips.total).toBe(3);
    const lists = calls.filter((c) => c.method === 'clips.list');
    expect(
      lists.every(
        (c) =>
          JSON.stringify((c.params as { filter: unknown }).filter) === '{"inLabelSet":true,"status":"ok"}',
      ),
    ).toBe(true);
  });

  it('follows any filter and sort the query is given, and walks back the same way', async () => {
    const { review, clips } = await setup(project());
    clips.setFilter({ status: 'rejected' });
    expect(await walk(review)).toEqual([3, 6]);
    clips.setFilter({ speaker: '08', status: 'ok' });
    expect(await walk(review)).toEqual([4]);
    clips.setFilter({});
    clips.setSort('path', true);
    expect(await walk(review)).toEqual([6, 5, 4, 3, 2, 1]);
    await review.prev();
    await review.prev();
    expect([review.index, review.clipId]).toEqual([3, 3]);
  });

  it('coming back to Review after the filter changed opens the new list’s first clip', async () => {
    const { review, clips } = await setup(project());
    await review.open(2);
    expect(review.clipId).toBe(5);
    await review.show();
    expect(review.clipId).toBe(5); // same list: the clip in view stays
    clips.setFilter({ status: 'rejected' });
    expect(review.stale).toBe(true);
    await review.show();
    expect(review.stale).toBe(false);
    expect([review.index, review.clipId]).toEqual([0, 3]);
  });

  it('a clip labelled out of the filter is followed by the next one, none skipped', async () => {
    const { review, clips } = await setup([clip(1, null), clip(2, null), clip(3, null), clip(4, 'happy')]);
    clips.setFilter({ unlabelled: true });
    review.autoAdvance = true;
    await review.open(0);
    await review.setLabel('happy'); // clip 1 leaves the list; clip 2 takes its place
    expect(review.clipId).toBe(2);
    expect(review.index).toBe(0);
    expect(clips.total).toBe(2);
    await review.setLabel('sad');
    expect(review.clipId).toBe(3);
    review.autoAdvance = false;
    await review.setLabel('sad');
    expect(review.clipId).toBe(3); // without auto-advance the labelled clip stays in view
  });
});
