import { describe, expect, it, vi } from 'vitest';
import type { ClipFilter } from '../../../../src/common/contract.js';
import { detail, fakeClient, row, settle } from './fake-client.js';

// The state tests run in Node: a Map stands in for the browser's localStorage.
const stored = new Map<string, string>();
vi.stubGlobal('localStorage', {
  getItem: (k: string) => stored.get(k) ?? null,
  setItem: (k: string, v: string) => void stored.set(k, String(v)),
  removeItem: (k: string) => void stored.delete(k),
  clear: () => stored.clear(),
});

/** EmoDB's way of naming files: the sixth letter is the acted emotion (F happy, T sad, N neutral, W anger). */
const NAMES: Record<number, string> = {
  1: '03a01Fa.wav',
  2: '03a01Ta.wav',
  3: '03a01Nc.wav',
  4: '08a02Wb.wav',
  5: '08a02Fd.wav',
};

/** Fresh state modules over a fake project of five clips, where a relabel by `annotator` marks the clip theirs. */
async function setup() {
  vi.resetModules();
  localStorage.clear();
  const { studio } = await import('../../../../src/renderer/lib/state/studio.svelte.js');
  const { clips } = await import('../../../../src/renderer/lib/state/clips-query.svelte.js');
  const { review } = await import('../../../../src/renderer/lib/state/review.svelte.js');
  const { annotator } = await import('../../../../src/renderer/lib/state/annotator.svelte.js');
  const labelledBy = new Map<number, string>();
  const fake = fakeClient({
    'project.info': () => ({ labels: ['happy', 'sad'], stats: { clips: 5 } }),
    'clips.list': (p: { offset: number; limit: number; filter: ClipFilter }) => {
      const ids = [1, 2, 3, 4, 5].filter(
        (id) => !p.filter.notLabelledBy || labelledBy.get(id) !== p.filter.notLabelledBy,
      );
      const rows = ids.slice(p.offset, p.offset + p.limit).map((id) => ({ ...row(id), name: NAMES[id] }));
      return { rows, total: ids.length, offset: p.offset };
    },
    'clips.get': (p: { id: number }) => ({ ...detail(p.id), name: NAMES[p.id] }),
    'clips.relabel': (p: { ids: number[]; annotator?: string }) => {
      if (p.annotator) for (const id of p.ids) labelledBy.set(id, p.annotator);
      return { changed: p.ids.length };
    },
  });
  studio.connect(fake.client);
  await settle();
  return { review, clips, annotator, studio, calls: fake.calls };
}

describe('annotator name and the blind pass', () => {
  it('every relabel carries the annotator name; none without a name', async () => {
    const { review, annotator, calls } = await setup();
    await review.open(0);
    await review.setLabel('sad');
    expect(calls.find((c) => c.method === 'clips.relabel')!.params).toEqual({ ids: [1], label: 'sad' });
    expect(annotator.set('  Anna ')).toBe('Anna');
    expect(localStorage.getItem('emotion-studio.annotator')).toBe('Anna');
    await review.setLabel('happy');
    expect(calls.filter((c) => c.method === 'clips.relabel').at(-1)!.params).toEqual({
      ids: [1],
      label: 'happy',
      annotator: 'Anna',
    });
    expect(annotator.set('')).toBeNull();
    expect(localStorage.getItem('emotion-studio.annotator')).toBeNull();
  });

  it('in the blind pass a labelled clip leaves the list and the next one takes its place', async () => {
    const { review, clips, annotator } = await setup();
    annotator.set('Ben');
    clips.setFilter({ notLabelledBy: 'Ben' });
    await review.open(0);
    expect(review.detail?.id).toBe(1);
    await review.setLabel('happy');
    expect(review.index).toBe(0);
    expect(review.detail?.id).toBe(2); // not 3: nothing is skipped
    await review.setLabel('sad');
    expect(review.detail?.id).toBe(3);
    expect(clips.total).toBe(3);
  });

  it("the blind pass's announcement of a label never names the file, which can spell the emotion", async () => {
    const { review, clips, annotator, studio } = await setup();
    annotator.set('Ben');
    clips.setFilter({ notLabelledBy: 'Ben' });
    await review.open(0);
    for (const label of ['happy', 'sad', 'neutral']) {
      const labelled = review.detail!.name;
      await review.setLabel(label);
      expect(studio.notice).toBe(`Labelled ${label}`);
      for (const name of Object.values(NAMES)) {
        expect(studio.notice).not.toContain(name);
        expect(studio.notice).not.toContain(name.replace(/\.wav$/, ''));
      }
      expect(review.detail!.name).not.toBe(labelled);
    }
    // outside the blind pass the same announcement names the clip: the names were there to be said
    clips.setFilter({});
    await review.open(0);
    await review.setLabel('sad');
    expect(studio.notice).toBe('03a01Fa.wav labelled sad');
  });

  it('the Clips list in the blind pass shows clip numbers, never a name, label, guess or confidence', async () => {
    const { clips, annotator } = await setup();
    annotator.set('Ben');
    const labelled = (id: number) => ({ label: 'happy', predicted: 'sad', confidence: 0.9, id });
    clips.setFilter({});
    await clips.rowAt(0);
    expect(clips.blind).toBe(false);
    expect(clips.row(0)!.name).toBe('03a01Fa.wav');
    clips.setFilter({ notLabelledBy: 'Ben' });
    await clips.rowAt(4);
    expect(clips.blind).toBe(true);
    for (let i = 0; i < 5; i++) {
      const row = clips.row(i)!;
      expect(row.name).toBe(`Clip ${row.id}`);
      expect(row.path).toBe(`Clip ${row.id}`);
      expect([row.label, row.predicted, row.confidence]).toEqual([null, null, null]);
      for (const name of Object.values(NAMES)) expect(JSON.stringify(row)).not.toContain(name.slice(0, 7));
    }
    // the same row outside the blind pass keeps what it is
    const { visibleRow } = await import('../../../../src/renderer/lib/state/blind-pass.js');
    expect(visibleRow({ ...row(3), ...labelled(3) }, false)).toMatchObject(labelled(3));
    expect(visibleRow({ ...row(3), ...labelled(3) }, true)).toMatchObject({
      id: 3,
      name: 'Clip 3',
      label: null,
      predicted: null,
      confidence: null,
    });
  });

  it('the blind pass refuses an order or a condition that would tell labels', async () => {
    const { clips, annotator, calls } = await setup();
    annotator.set('Ben');
    clips.setSort('label');
    expect(clips.sort).toBe('label');
    // turning the blind pass on leaves the label order, and drops the conditions that pick by label or name
    clips.setFilter({
      notLabelledBy: 'Ben',
      label: 'happy',
      search: 'F',
      disagrees: true,
      maxConfidence: 0.6,
    });
    expect(clips.sort).toBe('imported');
    expect(clips.filter).toEqual({ notLabelledBy: 'Ben' });
    await clips.rowAt(0);
    const listed = calls.filter((c) => c.method === 'clips.list').at(-1)!.params as { filter: ClipFilter };
    expect(listed.filter).toEqual({ notLabelledBy: 'Ben' });
    for (const sort of ['path', 'label', 'predicted', 'confidence', 'review'] as const) {
      clips.setSort(sort);
      expect(clips.sort).toBe('imported');
    }
    clips.setSort('speaker');
    expect(clips.sort).toBe('speaker');
    // out of the blind pass every order and condition is back
    clips.setFilter({ label: 'happy' });
    clips.setSort('label');
    expect([clips.sort, clips.filter]).toEqual(['label', { label: 'happy' }]);
  });

  it('the name is read back from storage by a new session', async () => {
    localStorage.setItem('emotion-studio.annotator', 'Cleo');
    vi.resetModules();
    const { annotator } = await import('../../../../src/renderer/lib/state/annotator.svelte.js');
    expect(annotator.name).toBe('Cleo');
    expect(annotator.param).toEqual({ annotator: 'Cleo' });
  });
});
