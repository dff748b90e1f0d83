import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpClient } from '../../../src/renderer/lib/client/http-client.js';
import { ClientError } from '../../../src/renderer/lib/client/app-client.js';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch that records each call and answers from a queue of (status, JSON body). */
function fakeFetch(replies: Array<{ status?: number; body: unknown }>): { calls: Call[] } {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const reply = replies.shift() ?? { status: 500, body: { ok: false, error: 'no reply queued' } };
    return new Response(JSON.stringify(reply.body), { status: reply.status ?? 200 });
  });
  return { calls };
}

class FakeEventSource {
  static last: FakeEventSource | null = null;
  readonly listeners = new Map<string, Array<(e: { data: string }) => void>>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(name: string, fn: (e: { data: string }) => void): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
  }
  fire(name: string, payload: unknown): void {
    for (const fn of this.listeners.get(name) ?? []) fn({ data: JSON.stringify(payload) });
  }
}

describe('the web transport (HTTP + server-sent events)', () => {
  beforeEach(() => {
    FakeEventSource.last = null;
    vi.stubGlobal('EventSource', FakeEventSource);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('posts each request as JSON to /api/rpc/<method> with the bearer token and unwraps the result', async () => {
    const { calls } = fakeFetch([{ body: { ok: true, result: { rows: [], total: 7, offset: 0 } } }]);
    const client = createHttpClient('tok123');
    const page = await client.request('clips.list', { offset: 0, limit: 10 });
    expect(page.total).toBe(7);
    expect(calls[0].url).toBe('/api/rpc/clips.list');
    expect(calls[0].init.method).toBe('POST');
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBe('Bearer tok123');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ offset: 0, limit: 10 });
  });

  it('sends a take as raw WAV bytes to the take route, not as JSON', async () => {
    const { calls } = fakeFetch([{ body: { ok: true, result: { clipId: 4, replaced: true, session: {} } } }]);
    const client = createHttpClient('tok');
    const data = new Uint8Array([82, 73, 70, 70, 1, 2, 3]);
    const r = await client.request('record.saveTake', { sessionId: 2, index: 5, data, replace: true });
    expect(r).toMatchObject({ clipId: 4, replaced: true });
    expect(calls[0].url).toBe('/api/record/take?sessionId=2&index=5&replace=1');
    expect(calls[0].init.body).toBe(data);
    expect((calls[0].init.headers as Record<string, string>)['Content-Type']).toBe('audio/wav');
  });

  it("throws the server's message, and says what to do when the token is refused", async () => {
    fakeFetch([
      { status: 400, body: { ok: false, error: 'invalid clips.get request (id): expected number' } },
      { status: 401, body: { ok: false, error: 'missing or wrong token' } },
    ]);
    const client = createHttpClient('tok');
    await expect(client.request('clips.get', { id: 1 })).rejects.toThrow('invalid clips.get request (id)');
    const refused = await client.request('project.info', {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ClientError);
    expect((refused as ClientError).status).toBe(401);
    expect((refused as ClientError).message).toMatch(/token/);
  });

  it('sends predict.audio as raw bytes to /api/predict instead of JSON', async () => {
    const result = { label: 'sad', confidence: 0.8, probs: { sad: 0.8 }, windows: 1, durationS: 2, runId: 3 };
    const { calls } = fakeFetch([{ body: { ok: true, result } }]);
    const client = createHttpClient('tok');
    const data = new Uint8Array([82, 73, 70, 70]);
    expect(await client.request('predict.audio', { name: 'a b.wav', data, runId: 3 })).toEqual(result);
    expect(calls[0].url).toBe('/api/predict?name=a+b.wav&runId=3');
    expect(calls[0].init.body).toBe(data);
  });

  it('uploads several files into one batch and returns the folder to import', async () => {
    const { calls } = fakeFetch([
      {
        body: {
          ok: true,
          result: { batch: 'b1', dir: '/p/uploads/b1', path: '/p/uploads/b1/x.wav', bytes: 4 },
        },
      },
      {
        body: {
          ok: true,
          result: { batch: 'b1', dir: '/p/uploads/b1', path: '/p/uploads/b1/y.wav', bytes: 4 },
        },
      },
    ]);
    const client = createHttpClient('tok');
    const progress: number[] = [];
    const files = [new File([new Uint8Array(4)], 'x.wav'), new File([new Uint8Array(4)], 'y.wav')];
    const dir = await client.uploadFiles!(files, (done) => progress.push(done));
    expect(dir).toBe('/p/uploads/b1');
    expect(calls.map((c) => c.url)).toEqual(['/api/upload?name=x.wav', '/api/upload?name=y.wav&batch=b1']);
    expect(progress).toEqual([0, 1, 2]);
  });

  it('puts the token on media URLs, which <audio> and downloads fetch without headers', () => {
    const client = createHttpClient('t k');
    expect(client.clipAudioUrl(5)).toBe('/api/clips/5/audio?token=t%20k');
    expect(client.augmentedAudioUrl(5, 'noise')).toBe('/api/clips/5/augmented/noise?token=t%20k');
    expect(client.modelFileUrl(2, 'model.json')).toBe('/api/models/2/model.json?token=t%20k');
    expect(client.resolveUrl('/api/runs/2/report.zip')).toBe('/api/runs/2/report.zip?token=t%20k');
  });

  it('opens one event stream on first subscription and delivers events to every subscriber until they leave', () => {
    const client = createHttpClient('tok');
    expect(FakeEventSource.last).toBeNull();
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = client.on('import.progress', (p) => a.push(p.done));
    client.on('import.progress', (p) => b.push(p.done));
    const source = FakeEventSource.last!;
    expect(source.url).toBe('/api/events?token=tok');
    const progress = { jobId: 'j', done: 1, total: 2, file: 'f', added: 1, rejected: 0 };
    source.fire('import.progress', progress);
    offA();
    source.fire('import.progress', { ...progress, done: 2 });
    expect(a).toEqual([1]);
    expect(b).toEqual([1, 2]);
    client.on('train.done', () => {});
    expect(FakeEventSource.last).toBe(source);
  });
});
