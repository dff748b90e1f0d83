import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClipDetail, RecordingSessionDetail } from '../../../src/common/contract.js';
import { webRoutes } from '../../../src/common/web-api.js';
import { encodeWav } from '../../../src/core/audio/wav-encode.js';
import { noise, padded } from '../recording/signals.js';
import { startHarness, type Harness } from './harness.js';

describe('recording a session over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const ok = async <T>(method: string, params: unknown): Promise<T> => {
    const { status, body } = await h.rpc(method, params);
    expect(status, JSON.stringify(body)).toBe(200);
    return (body as { result: T }).result;
  };
  const postTake = async (
    p: { sessionId: number; index: number; replace?: boolean },
    wav: Uint8Array,
  ): Promise<{
    status: number;
    body: { ok: boolean; error?: string; result?: { clipId: number; session: RecordingSessionDetail } };
  }> => {
    const res = await h.api(webRoutes.recordTake(p), { method: 'POST', body: new Uint8Array(wav) });
    return { status: res.status, body: (await res.json()) as never };
  };

  it('starts a session, saves takes as raw bytes, retakes one and pauses and resumes', async () => {
    const s = await ok<RecordingSessionDetail>('record.start', {
      speaker: 'Lena',
      prompts: ['One.', 'Two.'],
      emotions: ['happy', 'sad'],
    });
    expect(s).toMatchObject({ speaker: 'Lena', total: 4, kept: 0, position: 0, state: 'active', takes: [] });

    const take = encodeWav(padded(16000, 0.2, 1, 0.2), 16000);
    const first = await postTake({ sessionId: s.id, index: 0 }, take);
    expect(first.status).toBe(200);
    expect(first.body.result!.session).toMatchObject({ kept: 1, position: 1 });
    const clip = await ok<ClipDetail>('clips.get', { id: first.body.result!.clipId });
    expect(clip).toMatchObject({ speaker: 'Lena', label: 'happy', prompt: 'One.', sessionId: s.id });
    expect(clip.history.map((e) => e.source)).toEqual(['recorded']);

    // a kept take needs replace=1; then it is replaced in place
    expect((await postTake({ sessionId: s.id, index: 0 }, take)).status).toBe(409);
    const again = encodeWav(padded(16000, 0.3, 1.2, 0.2), 16000);
    const retake = await postTake({ sessionId: s.id, index: 0, replace: true }, again);
    expect(retake.body.result).toMatchObject({ clipId: first.body.result!.clipId, replaced: true });
    expect(fs.existsSync(clip.path)).toBe(false);

    expect(await ok('record.pause', { id: s.id })).toMatchObject({ state: 'paused', position: 1 });
    expect((await postTake({ sessionId: s.id, index: 1 }, take)).status).toBe(409);
    expect(await ok('record.resume', { id: s.id })).toMatchObject({ state: 'active', position: 1, kept: 1 });
    expect(await ok('record.sessions', {})).toMatchObject([{ id: s.id, kept: 1, total: 4 }]);
  });

  it('refuses a silent take with its reason, a take out of the plan, a missing sessionId or index, and bad sessions', async () => {
    const s = await ok<RecordingSessionDetail>('record.start', {
      speaker: 'Max',
      prompts: ['x'],
      emotions: ['sad'],
    });
    const silent = await postTake({ sessionId: s.id, index: 0 }, encodeWav(noise(16000, 1, 0.002), 16000));
    expect(silent.status).toBe(400);
    expect(silent.body.error).toMatch(/The take is silent: its loudest moment is -\d+ dBFS/);
    const beyond = await postTake(
      { sessionId: s.id, index: 5 },
      encodeWav(padded(16000, 0.2, 1, 0.2), 16000),
    );
    expect(beyond.status).toBe(400);
    expect(beyond.body.error).toMatch(/takes 0-0, not 5/);
    expect(
      (await postTake({ sessionId: 999, index: 0 }, encodeWav(padded(16000, 0.2, 1, 0.2), 16000))).status,
    ).toBe(404);
    // A missing parameter is a 400 naming it, not session 0 or take 0.
    const good = encodeWav(padded(16000, 0.2, 1, 0.2), 16000);
    for (const [query, name] of [
      [`index=0`, 'sessionId'],
      [`sessionId=${s.id}`, 'index'],
      [`sessionId=&index=0`, 'sessionId'],
      [`sessionId=${s.id}&index=x`, 'index'],
    ] as const) {
      const res = await h.api(`/api/record/take?${query}`, { method: 'POST', body: new Uint8Array(good) });
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: string }).error).toContain(name);
    }
    expect((await ok<RecordingSessionDetail>('record.get', { id: s.id })).kept).toBe(0);
    expect((await h.rpc('record.start', { speaker: '  ', prompts: ['x'], emotions: ['sad'] })).status).toBe(
      400,
    );
    expect((await h.rpc('record.start', { speaker: 'a', prompts: ['x'], emotions: ['joy'] })).status).toBe(
      400,
    );
  });
});
