import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClipPage } from '../../../src/common/contract.js';
import { MAX_UPLOAD_BYTES, type UploadResult } from '../../../src/common/web-api.js';
import { toneWav } from '../studio/fixtures.js';
import { startHarness, type Harness } from './harness.js';

async function upload(
  h: Harness,
  name: string,
  body: Uint8Array,
  batch?: string,
): Promise<{ status: number; json: { ok: boolean; result?: UploadResult; error?: string } }> {
  const q = new URLSearchParams({ name });
  if (batch) q.set('batch', batch);
  const res = await h.api(`/api/upload?${q}`, { method: 'POST', body: new Uint8Array(body) });
  return {
    status: res.status,
    json: (await res.json()) as { ok: boolean; result?: UploadResult; error?: string },
  };
}

describe('uploads', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('saves picked files into one batch folder of the project and imports them', async () => {
    const first = await upload(h, '03a01Fa.wav', toneWav(300));
    expect(first.status).toBe(200);
    const { batch, dir } = first.json.result!;
    expect(dir.startsWith(path.join(path.resolve(h.projectDir), 'uploads') + path.sep)).toBe(true);
    const second = await upload(h, '08a01Ta.wav', toneWav(400), batch);
    const third = await upload(h, 'some folder/../nested/ünïcode name.wav', toneWav(500), batch);
    expect(second.json.result!.dir).toBe(dir);
    expect(path.dirname(third.json.result!.path)).toBe(dir);
    expect(path.basename(third.json.result!.path)).toBe('ünïcode name.wav');
    expect(fs.readdirSync(dir).sort()).toEqual(['03a01Fa.wav', '08a01Ta.wav', 'ünïcode name.wav']);

    const done = new Promise<void>((resolve) => h.service.on('import.done', () => resolve()));
    const started = await h.rpc('import.start', { source: dir });
    expect(started.status).toBe(200);
    await done;
    const page = (await h.rpc('clips.list', {})).body.result as ClipPage;
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.label).sort()).toEqual(['happy', 'sad', null].sort());
  });

  it('never overwrites: the same name twice keeps both', async () => {
    const a = await upload(h, 'same.wav', toneWav(600));
    const b = await upload(h, 'same.wav', toneWav(700), a.json.result!.batch);
    expect(a.json.result!.path).not.toBe(b.json.result!.path);
    expect(path.basename(b.json.result!.path)).toBe('same (1).wav');
  });

  it('makes hostile names safe and keeps them inside the batch folder', async () => {
    for (const name of [
      '../../../escape.wav',
      '..\\..\\win.wav',
      '.hidden.wav',
      'a\u0000b.wav',
      'CON:x?.wav',
    ]) {
      const r = await upload(h, name, toneWav(800));
      expect(r.status).toBe(200);
      const saved = r.json.result!.path;
      expect(path.dirname(saved)).toBe(r.json.result!.dir);
      expect(path.basename(saved).startsWith('.')).toBe(false);
      expect([...path.basename(saved)].some((ch) => ch.charCodeAt(0) < 32 || ':?\\/'.includes(ch))).toBe(
        false,
      );
    }
  });

  it('refuses a bad batch id, a missing name, and a body over the limit', async () => {
    expect((await upload(h, 'x.wav', toneWav(900), '../up')).status).toBe(400);
    const noName = await h.api('/api/upload', { method: 'POST', body: new Uint8Array(4) });
    expect(noName.status).toBe(400);
    const tooBig = await new Promise<number>((resolve, reject) => {
      // Declare a body larger than the limit; the server must refuse before reading it.
      import('node:http').then(({ request }) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: h.server.port,
            method: 'POST',
            path: '/api/upload?name=big.wav',
            headers: { Authorization: `Bearer ${h.token}`, 'Content-Length': String(MAX_UPLOAD_BYTES + 1) },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.write(Buffer.alloc(1024));
      }, reject);
    });
    expect(tooBig).toBe(413);
    const leftovers = fs
      .readdirSync(path.join(h.projectDir, 'uploads'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('big.wav'));
    expect(leftovers).toEqual([]);
  });
});
