import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioEvents } from '../../../src/common/contract.js';
import { makeEmoDbLikeFolder } from '../studio/fixtures.js';
import { startHarness, type Harness } from './harness.js';
import { collectEvents } from './sse-reader.js';

describe('server-sent events', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('streams import progress and done events to a subscriber', async () => {
    const source = path.join(h.dir, 'corpus');
    makeEmoDbLikeFolder(source, 2);
    const stream = await fetch(`${h.base}/api/events?token=${h.token}`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const collecting = collectEvents(stream, (evs) => evs.some((e) => e.event === 'dataset.changed'));
    const { body } = await h.rpc('import.start', { source });
    const { jobId } = body.result as { jobId: string };

    const events = await collecting;
    const progress = events
      .filter((e) => e.event === 'import.progress')
      .map((e) => e.data as StudioEvents['import.progress']);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.every((p) => p.jobId === jobId && p.total === 18)).toBe(true);
    expect(progress.at(-1)?.done).toBe(18);
    const done = events.find((e) => e.event === 'import.done')?.data as StudioEvents['import.done'];
    expect(done.jobId).toBe(jobId);
    expect(done.summary.added).toBe(18);
    expect(done.summary.perLabel).toMatchObject({ happy: 6, sad: 6, neutral: 6 });
    expect(events.find((e) => e.event === 'dataset.changed')?.data).toEqual({ reason: 'import' });
  });

  it('refuses a second import while one runs (409)', async () => {
    const source = path.join(h.dir, 'corpus2');
    makeEmoDbLikeFolder(source, 3);
    const done = new Promise<void>((resolve) => h.service.on('import.done', () => resolve()));
    const first = await h.rpc('import.start', { source });
    const second = await h.rpc('import.start', { source });
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatch(/already running/);
    await done;
  });

  it('drops a stream when its client goes away', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${h.base}/api/events`, {
      headers: { Authorization: `Bearer ${h.token}` },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    await reader.read(); // the "connected" comment
    expect(h.server.openStreams).toBe(1);
    controller.abort();
    await reader.cancel().catch(() => {});
    const deadline = Date.now() + 5000;
    while (h.server.openStreams > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(h.server.openStreams).toBe(0);
  });
});
