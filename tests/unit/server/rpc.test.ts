import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClipPage, ProjectInfo } from '../../../src/common/contract.js';
import { makeEmoDbLikeFolder } from '../studio/fixtures.js';
import { startHarness, type Harness } from './harness.js';

describe('RPC over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const source = path.join(h.dir, 'corpus');
    makeEmoDbLikeFolder(source, 2);
    const done = new Promise<void>((resolve) => h.service.on('import.done', () => resolve()));
    const started = await h.rpc('import.start', { source });
    expect(started.status).toBe(200);
    await done;
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers project.info with the project and its stats', async () => {
    const { status, body } = await h.rpc('project.info');
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    const info = body.result as ProjectInfo;
    expect(info.dir).toBe(path.resolve(h.projectDir));
    expect(info.mode).toBe('web');
    expect(info.labels).toEqual(['happy', 'sad', 'neutral']);
    expect(info.stats.clips).toBe(18);
    expect(info.stats.perLabel).toEqual({ happy: 6, sad: 6, neutral: 6 });
    expect(info.currentModel).toBeNull();
  });

  it('lists clips with filters, sorting and paging', async () => {
    const all = (await h.rpc('clips.list', {})).body.result as ClipPage;
    expect(all.total).toBe(18);
    expect(all.rows.map((r) => r.name)).toEqual([...all.rows.map((r) => r.name)].sort());
    const sad = (await h.rpc('clips.list', { filter: { label: 'sad', speaker: '08' }, limit: 1 })).body
      .result as ClipPage;
    expect(sad.total).toBe(2);
    expect(sad.rows).toHaveLength(1);
    expect(sad.rows[0]).toMatchObject({ label: 'sad', speaker: '08', status: 'ok', predicted: null });
    expect(sad.rows[0].durationS).toBeCloseTo(0.5, 3);
    const desc = (await h.rpc('clips.list', { sort: 'speaker', desc: true, limit: 3, offset: 1 })).body
      .result as ClipPage;
    expect(desc.offset).toBe(1);
    expect(desc.rows.every((r) => r.speaker === '09')).toBe(true);
  });

  it('relabels and undoes over HTTP', async () => {
    const page = (await h.rpc('clips.list', { filter: { label: 'happy' }, limit: 2 })).body
      .result as ClipPage;
    const ids = page.rows.map((r) => r.id);
    const res = await h.rpc('clips.relabel', { ids, label: 'neutral' });
    expect(res.body).toEqual({ ok: true, result: { changed: 2 } });
    const undo = await h.rpc('labels.undo');
    expect(undo.body.result).toEqual({ changed: ids.map((id) => ({ clipId: id, label: 'happy' })) });
  });

  it('rejects invalid params with 400 and a message naming the field', async () => {
    const bad = await h.rpc('clips.list', { limit: 'ten' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false });
    expect(bad.body.error).toMatch(/invalid clips\.list request \(limit\)/);

    const label = await h.rpc('clips.relabel', { ids: [1], label: 'furious' });
    expect(label.status).toBe(400);
    expect(label.body.error).toMatch(/\(label\)/);

    const extra = await h.rpc('project.info', { sneaky: 1 });
    expect(extra.status).toBe(400);
    expect(extra.body.error).toMatch(/sneaky/);
  });

  it('answers 404 for an unknown method and a missing clip', async () => {
    const unknown = await h.rpc('clips.explode');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/unknown request: clips\.explode/);
    const missing = await h.rpc('clips.get', { id: 999999 });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/no clip with id 999999/);
    const relabel = await h.rpc('clips.relabel', { ids: [999999], label: 'sad' });
    expect(relabel.status).toBe(404);
  });

  it('answers 400 for a body that is not JSON, and 405 for GET on an RPC route', async () => {
    const res = await h.api('/api/rpc/project.info', { method: 'POST', body: '{nope' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/not valid JSON/);
    const get = await h.api('/api/rpc/project.info');
    expect(get.status).toBe(405);
  });

  it('answers 400 for an import source that does not exist', async () => {
    const res = await h.rpc('import.start', { source: path.join(h.dir, 'nowhere') });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/not found/);
  });

  it('serves a clip with its history', async () => {
    const page = (await h.rpc('clips.list', { limit: 1 })).body.result as ClipPage;
    const { body } = await h.rpc('clips.get', { id: page.rows[0].id });
    expect(body.result).toMatchObject({
      id: page.rows[0].id,
      sampleRate: 16000,
      channels: 1,
      format: expect.any(String),
    });
    expect((body.result as { history: unknown[] }).history.length).toBeGreaterThanOrEqual(1);
  });

  it("serves a clip's audio bytes, with ranges, and an augmented preview as WAV", async () => {
    const page = (await h.rpc('clips.list', { limit: 1 })).body.result as ClipPage;
    const id = page.rows[0].id;
    const audio = await h.api(`/api/clips/${id}/audio`);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/wav');
    const bytes = new Uint8Array(await audio.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('RIFF');
    const part = await h.api(`/api/clips/${id}/audio`, { headers: { Range: 'bytes=0-3' } });
    expect(part.status).toBe(206);
    expect(new TextDecoder().decode(await part.arrayBuffer())).toBe('RIFF');

    const stretched = await h.api(`/api/clips/${id}/augmented/stretch?token=${h.token}`);
    expect(stretched.status).toBe(200);
    const wav = new Uint8Array(await stretched.arrayBuffer());
    // 0.5 s slowed to rate 0.85 lasts about 0.59 s: 16-bit mono at 16 kHz is 32000 bytes per second.
    expect((wav.length - 44) / 32000).toBeGreaterThan(0.55);
    const unknown = await h.api(`/api/clips/${id}/augmented/reverb`);
    expect(unknown.status).toBe(400);
  });
});
