import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toneWav } from '../studio/fixtures.js';
import { startHarness, type Harness } from './harness.js';

describe('POST /api/predict', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const post = async (body: Uint8Array, query = ''): Promise<{ status: number; error: string }> => {
    const res = await h.api(`/api/predict${query}`, { method: 'POST', body: new Uint8Array(body) });
    const json = (await res.json()) as { ok: boolean; error: string };
    expect(json.ok).toBe(false);
    return { status: res.status, error: json.error };
  };

  it('says clearly that there is no model yet', async () => {
    const r = await post(toneWav(440, 1));
    expect(r.status).toBe(404);
    expect(r.error).toMatch(/no trained model/);
  });

  it('says clearly when the body is not audio', async () => {
    const r = await post(new TextEncoder().encode('hello, this is not a recording\n'), '?name=notes.wav');
    expect(r.status).toBe(400);
    expect(r.error.toLowerCase()).toMatch(/not audio|not an audio|unrecognised|text/);
  });

  it('says clearly when the body is empty', async () => {
    const r = await post(new Uint8Array(0));
    expect(r.status).toBe(400);
    expect(r.error).toMatch(/no audio/);
  });

  it('refuses a bad runId', async () => {
    const r = await post(toneWav(440, 1), '?runId=abc');
    expect(r.status).toBe(400);
    const missing = await post(toneWav(440, 1), '?runId=77');
    expect(missing.status).toBe(404);
    expect(missing.error).toMatch(/no run with id 77/);
  });

  it('the RPC form refuses params that are not bytes, naming the field', async () => {
    const { status, body } = await h.rpc('predict.audio', { name: 'a.wav', data: [1, 2, 3] });
    expect(status).toBe(400);
    expect(body.error).toMatch(/\(data\)/);
  });
});
