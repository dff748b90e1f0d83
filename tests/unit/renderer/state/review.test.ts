import { describe, expect, it, vi } from 'vitest';
import type { ClipDetail, ClipFilter } from '../../../../src/common/contract.js';
import { deferred, detail, fakeClient, row, settle } from './fake-client.js';

const TOTAL = 5;

/** Fresh state modules (they are singletons) wired to a fake client; `clips.get` answers when the test says. */
async function setup() {
  vi.resetModules();
  const { studio } = await import('../../../../src/renderer/lib/state/studio.svelte.js');
  const { clips } = await import('../../../../src/renderer/lib/state/clips-query.svelte.js');
  const { review } = await import('../../../../src/renderer/lib/state/review.svelte.js');
  const pending = new Map<number, ReturnType<typeof deferred<ClipDetail>>>();
  const fake = fakeClient({
    'project.info': () => ({ labels: ['happy', 'sad'], stats: { clips: TOTAL } }),
    'clips.list': (p: { offset: number; limit: number; filter: ClipFilter }) => {
      const ids = Array.from({ length: TOTAL }, (_, i) => i + 1).slice(p.offset, p.offset + p.limit);
      return { rows: ids.map(row), total: TOTAL, offset: p.offset };
    },
    'clips.get': (p: { id: number }) => {
      const d = deferred<ClipDetail>();
      pending.set(p.id, d);
      return d.promise;
    },
  });
  studio.connect(fake.client);
  await settle();
  return { review, clips, pending, calls: fake.calls };
}

describe('review state: a response that lost the race is dropped', () => {
  it('an older clip arriving after a newer one does not replace it', async () => {
    const { review, pending } = await setup();
    const first = review.open(0); // clip 1
    await settle();
    const second = review.open(1); // clip 2, asked for while clip 1 is still on its way
    await settle();
    expect([...pending.keys()]).toEqual([1, 2]);

    pending.get(2)!.resolve(detail(2));
    await second;
    expect(review.detail?.id).toBe(2);
    expect(review.loading).toBe(false);

    pending.get(1)!.resolve(detail(1)); // the stale answer comes in last
    await first;
    expect(review.detail?.id).toBe(2);
    expect(review.index).toBe(1);
    expect(review.loading).toBe(false);
  });

  it("an older request's failure neither shows an error nor ends the newer one's loading", async () => {
    const { review, pending } = await setup();
    const first = review.open(0);
    await settle();
    const second = review.open(2);
    await settle();

    pending.get(1)!.reject(new Error('clip 1 went away'));
    await first;
    expect(review.error).toBeNull();
    expect(review.loading).toBe(true);

    pending.get(3)!.resolve(detail(3));
    await second;
    expect(review.detail?.id).toBe(3);
    expect(review.error).toBeNull();
    expect(review.loading).toBe(false);
  });

  it('next and previous walk the list and stop at its ends', async () => {
    const { review, pending } = await setup();
    const answer = async (p: Promise<void>, id: number) => {
      await settle();
      pending.get(id)!.resolve(detail(id));
      await p;
    };
    await answer(review.open(TOTAL - 1), TOTAL);
    await answer(review.next(), TOTAL);
    expect(review.index).toBe(TOTAL - 1);
    await answer(review.prev(), TOTAL - 1);
    expect(review.detail?.id).toBe(TOTAL - 1);
  });

  it('holding → moves on while the details of the clip it left are still on their way', async () => {
    const { review, pending } = await setup();
    const first = review.open(0);
    await settle();
    pending.get(1)!.resolve(detail(1));
    await first;
    const steps: Array<Promise<void>> = [];
    for (let i = 0; i < 3; i++) {
      await settle();
      steps.push(review.next()); // a key repeat: the clip before has not arrived
    }
    await settle();
    // each step went one further, though the details of the clips passed have not arrived
    expect(review.index).toBe(3);
    expect([...pending.keys()]).toEqual([1, 2, 3, 4]);
    for (const [id, d] of pending) if (id > 1) d.resolve(detail(id));
    await Promise.all(steps);
    expect(review.detail?.id).toBe(4);
  });
});

describe('review state: a label while the next clip loads', () => {
  it('is not given to the clip being left', async () => {
    const { review, pending, calls } = await setup();
    const first = review.open(0);
    await settle();
    pending.get(1)!.resolve(detail(1));
    await first;
    const next = review.open(1); // clip 2 on its way, clip 1 still on screen
    await settle();
    expect(review.detail?.id).toBe(1);
    await review.setLabel('happy');
    expect(calls.filter((c) => c.method === 'clips.relabel')).toEqual([]);
    pending.get(2)!.resolve(detail(2));
    await next;
    expect(review.detail?.id).toBe(2);
  });
});

describe('review state: a reload (dataset.changed, undo) while the next clip loads', () => {
  it('does not bring back the clip being left once the next one is shown', async () => {
    const { review, pending } = await setup();
    const first = review.open(0);
    await settle();
    pending.get(1)!.resolve(detail(1));
    await first;
    const next = review.open(1); // clip 2 asked for
    await settle();
    const reload = review.reload(); // a relabel's dataset.changed arrives meanwhile; clip 1 is still shown
    await settle();
    pending.get(2)!.resolve(detail(2));
    await next;
    expect(review.detail?.id).toBe(2);
    pending.get(1)?.resolve(detail(1)); // the reload's answer, if it asked, comes in last
    await reload;
    expect(review.detail?.id).toBe(2);
  });

  it("is dropped when a clip opened after it started, and shows the shown clip's details otherwise", async () => {
    const { review, pending } = await setup();
    const first = review.open(0);
    await settle();
    pending.get(1)!.resolve(detail(1));
    await first;
    const reload = review.reload();
    await settle();
    const reloaded = pending.get(1)!;
    pending.delete(1);
    const next = review.open(1);
    await settle();
    pending.get(2)!.resolve(detail(2));
    await next;
    reloaded.resolve({ ...detail(1), label: 'sad' } as ClipDetail);
    await reload;
    expect(review.detail?.id).toBe(2);

    const again = review.reload();
    await settle();
    pending.get(2)!.resolve({ ...detail(2), label: 'happy' } as ClipDetail);
    await again;
    expect(review.detail).toMatchObject({ id: 2, label: 'happy' });
  });
});
