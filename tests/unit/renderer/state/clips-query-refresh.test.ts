import { describe, expect, it, vi } from 'vitest';
import type { ClipPage } from '../../../../src/common/contract.js';
import { deferred, fakeClient, row, settle } from './fake-client.js';

describe('a row asked for while the list refreshes twice', () => {
  it('comes from the newest answer, not from the page as it was before', async () => {
    vi.resetModules();
    const { studio } = await import('../../../../src/renderer/lib/state/studio.svelte.js');
    const { ClipsQuery } = await import('../../../../src/renderer/lib/state/clips-query.svelte.js');
    // The server's answers, settled by the test in the order it likes.
    const answers: Array<ReturnType<typeof deferred<ClipPage>>> = [];
    const fake = fakeClient({
      'clips.list': () => {
        const d = deferred<ClipPage>();
        answers.push(d);
        return d.promise;
      },
    });
    studio.connect(fake.client);
    const page = (ids: number[]): ClipPage =>
      ({ rows: ids.map(row), total: ids.length, offset: 0 }) as ClipPage;

    // A blind pass over clips 1, 2, 3.
    const clips = new ClipsQuery();
    clips.setFilter({ notLabelledBy: 'Ana' });
    answers[0].resolve(page([1, 2, 3]));
    await settle();
    expect((await clips.rowAt(0))?.id).toBe(1);

    // Clip 1 is labelled: Review refreshes the list and opens its first row...
    clips.refresh();
    const first = clips.rowAt(0);
    // ...and the dataset.changed event refreshes it again before the first answer came back.
    clips.refresh();
    answers[1].resolve(page([2, 3]));
    await settle();
    answers[2].resolve(page([2, 3]));
    expect((await first)?.id).toBe(2);
    expect(clips.total).toBe(2);
  });
});
