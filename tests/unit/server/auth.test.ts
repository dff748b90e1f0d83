import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const API_ROUTES: Array<[string, string]> = [
  ['POST', '/api/rpc/project.info'],
  ['GET', '/api/events'],
  ['GET', '/api/clips/1/audio'],
  ['GET', '/api/clips/1/augmented/pitch'],
  ['GET', '/api/runs/1/report.zip'],
  ['GET', '/api/models/1/model.json'],
  ['POST', '/api/upload?name=a.wav'],
  ['POST', '/api/predict'],
  ['GET', '/api/no-such-route'],
  ['GET', '/api'],
];

describe('web server access', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('prints a URL on 127.0.0.1 with a long random token', () => {
    expect(h.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('gets a fresh token per launch', async () => {
    const other = await startHarness();
    try {
      expect(other.token).not.toBe(h.token);
    } finally {
      await other.close();
    }
  });

  it('listens on 127.0.0.1 only, not on every interface', async () => {
    expect(h.server.host).toBe('127.0.0.1');
    // A server bound to 0.0.0.0 would also answer on 127.0.0.2 (still loopback, so this stays on the machine).
    const connected = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.2', port: h.server.port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    expect(connected).toBe(false);
    expect((await fetch(`${h.base}/`)).status).toBe(200);
  });

  it.each(API_ROUTES)('refuses %s %s without a token', async (method, route) => {
    const res = await fetch(`${h.base}${route}`, { method });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { ok: boolean; error: string };
    expect(body.ok).toBe(false);
    expect(body.error).toMatch(/token/);
  });

  it.each(API_ROUTES)('refuses %s %s with a wrong token', async (method, route) => {
    const wrong = h.token.slice(0, -1) + (h.token.endsWith('A') ? 'B' : 'A');
    const header = await fetch(`${h.base}${route}`, {
      method,
      headers: { Authorization: `Bearer ${wrong}` },
    });
    expect(header.status).toBe(401);
    const sep = route.includes('?') ? '&' : '?';
    const query = await fetch(`${h.base}${route}${sep}token=${wrong}`, { method });
    expect(query.status).toBe(401);
  });

  it('accepts the token as a bearer header and as ?token=', async () => {
    expect((await h.rpc('project.info')).status).toBe(200);
    const res = await fetch(`${h.base}/api/rpc/project.info?token=${h.token}`, {
      method: 'POST',
      body: '{}',
    });
    expect(res.status).toBe(200);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const s = net.connect({ host: '127.0.0.1', port: h.server.port }, () => {
        s.write(`GET / HTTP/1.1\r\nHost: evil.example:${h.server.port}\r\nConnection: close\r\n\r\n`);
      });
      let text = '';
      s.on('data', (d) => (text += d.toString()));
      s.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1])));
      s.on('error', reject);
    });
    expect(status).toBe(403);
  });

  it('refuses requests with no Host header at all', async () => {
    // HTTP/1.0 lets a client leave Host out, so Node's own check for HTTP/1.1 does not apply.
    const statusOf = (request: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const s = net.connect({ host: '127.0.0.1', port: h.server.port }, () => s.write(request));
        let text = '';
        s.on('data', (d) => (text += d.toString()));
        s.on('end', () => resolve({ status: Number(/^HTTP\/1\.[01] (\d+)/.exec(text)?.[1]), text }));
        s.on('error', reject);
      });
    const bare = await statusOf('GET / HTTP/1.0\r\n\r\n');
    expect(bare.status).toBe(403);
    expect(bare.text).not.toContain('Emotion Studio');
    const withToken = await statusOf(
      `POST /api/rpc/project.info HTTP/1.0\r\nAuthorization: Bearer ${h.token}\r\nContent-Length: 2\r\n\r\n{}`,
    );
    expect(withToken.status).toBe(403);
    // HTTP/1.1 without Host is refused too, whoever refuses it.
    expect([400, 403]).toContain((await statusOf('GET / HTTP/1.1\r\nConnection: close\r\n\r\n')).status);
    // The same requests with the loopback Host are answered.
    expect((await statusOf(`GET / HTTP/1.0\r\nHost: 127.0.0.1:${h.server.port}\r\n\r\n`)).status).toBe(200);
  });

  it('sends no CORS headers, so other origins cannot read answers', async () => {
    const res = await fetch(`${h.base}/api/rpc/project.info`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.token}`, Origin: 'http://evil.example' },
      body: '{}',
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
