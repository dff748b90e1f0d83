import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveStatic } from '../../../src/server/static-files.js';
import { startHarness, type Harness } from './harness.js';

/** Sends a raw request line, so the path reaches the server exactly as written (fetch would normalise `..`). */
function rawGet(
  port: number,
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      const extra = Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      s.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${extra}Connection: close\r\n\r\n`);
    });
    let text = '';
    s.on('data', (d) => (text += d.toString('latin1')));
    s.on('end', () => {
      const [head, ...rest] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]), body: rest.join('\r\n\r\n') });
    });
    s.on('error', reject);
  });
}

describe('static files and path traversal', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('serves the renderer with a strict CSP and security headers', async () => {
    const res = await fetch(`${h.base}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Emotion Studio');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const js = await fetch(`${h.base}/assets/app.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });

  it('falls back to index.html for app routes but 404s missing assets', async () => {
    expect((await fetch(`${h.base}/review`)).status).toBe(200);
    expect((await fetch(`${h.base}/assets/missing.js`)).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/assets/../../secret.txt',
    '/..%5csecret.txt',
    '/%00index.html',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
  ])('never serves files outside the build: %s', async (target) => {
    const res = await rawGet(h.server.port, target);
    expect(res.body).not.toContain('top secret');
    expect(res.body).not.toContain('root:');
    expect([400, 404]).toContain(res.status);
  });

  it.each([
    '/api/models/1/..%2f..%2fproject.sqlite',
    '/api/models/1/%2e%2e%2fsecret.txt',
    '/api/models/1/../../secret.txt',
    '/api/models/1/..',
    '/api/models/1/model.json%00.txt',
    '/api/models/1/.%2e',
  ])('model route refuses traversal: %s', async (target) => {
    const res = await rawGet(h.server.port, target, { Authorization: `Bearer ${h.token}` });
    expect(res.body).not.toContain('top secret');
    expect(res.body).not.toContain('SQLite format');
    expect([400, 404]).toContain(res.status);
  });

  it('explains a model file request for a run that does not exist', async () => {
    const res = await h.api('/api/models/42/model.json');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/no run with id 42/);
  });

  it('never follows a symlink in the build to a file or folder outside it', async () => {
    // secret.txt sits beside the build folder; links to it (and to its folder) are planted inside the build.
    fs.symlinkSync(path.join(h.dir, 'secret.txt'), path.join(h.staticDir, 'leak.txt'));
    fs.symlinkSync(h.dir, path.join(h.staticDir, 'assets', 'outside'));
    // A link that stays inside the build is fine.
    fs.symlinkSync(path.join(h.staticDir, 'assets', 'app.js'), path.join(h.staticDir, 'assets', 'alias.js'));
    for (const target of ['/leak.txt', '/assets/outside/secret.txt']) {
      const res = await rawGet(h.server.port, target);
      expect(res.body, target).not.toContain('top secret');
      expect([403, 404], target).toContain(res.status);
    }
    expect(resolveStatic(h.staticDir, '/leak.txt')).toBeNull();
    expect(resolveStatic(h.staticDir, '/assets/outside/secret.txt')).toBeNull();
    const alias = await rawGet(h.server.port, '/assets/alias.js');
    expect(alias.status).toBe(200);
    expect(alias.body).toBe('console.log(1)');
  });

  it('refuses non-GET methods on static files', async () => {
    expect((await fetch(`${h.base}/index.html`, { method: 'POST' })).status).toBe(405);
  });
});
