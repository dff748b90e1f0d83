import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudioService, type StudioService } from '../../../src/core/studio/service.js';
import { startServer, type StudioServer } from '../../../src/server/server.js';
import { tempDir } from '../studio/fixtures.js';

const HANG_UPS = 60;

/** Starts an upload that announces 1 MB, sends a little of it, and closes the connection. */
function hangUp(server: StudioServer, n: number): Promise<void> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port: server.port }, () => {
      s.write(
        `POST /api/upload?name=take-${n}.wav HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n` +
          `Authorization: Bearer ${server.token}\r\nContent-Length: 1000000\r\n\r\n` +
          'RIFF'.repeat(1000),
      );
      setTimeout(() => s.destroy(), 5);
    });
    s.once('close', () => resolve());
    s.once('error', () => resolve());
  });
}

describe('clients hanging up mid-upload', () => {
  let dir: string;
  let service: StudioService;
  let server: StudioServer;
  const logs: string[] = [];
  const debug: string[] = [];
  beforeAll(async () => {
    dir = tempDir('hangup');
    service = createStudioService({ projectDir: path.join(dir, 'p'), mode: 'web', log: (m) => logs.push(m) });
    server = await startServer({
      service,
      staticDir: null,
      log: (m) => logs.push(m),
      debug: (m) => debug.push(m),
    });
  });
  afterAll(async () => {
    await server.close();
    await service.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('are not errors: at most one debug line each, no stack, and no empty upload folder left', async () => {
    for (let i = 0; i < HANG_UPS; i++) await hangUp(server, i);
    // Let the server notice the last ones.
    for (let i = 0; i < 100 && debug.length < HANG_UPS; i++) await new Promise((r) => setTimeout(r, 20));
    expect(logs).toEqual([]);
    expect(debug.length).toBeLessThanOrEqual(HANG_UPS);
    expect(debug.length).toBeGreaterThan(0);
    for (const line of debug) expect(line).toMatch(/^POST \/api\/upload: the client hung up$/);
    const uploads = path.join(service.projectDir, 'uploads');
    const left = fs.existsSync(uploads) ? fs.readdirSync(uploads) : [];
    expect(left).toEqual([]);
  });

  it('a refused upload leaves no empty folder either', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/upload?name=big.wav',
          headers: { Authorization: `Bearer ${server.token}`, 'Content-Length': 300 * 1024 * 1024 },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.once('error', reject);
      req.write(new Uint8Array(10));
    });
    expect(status).toBe(413);
    const uploads = path.join(service.projectDir, 'uploads');
    expect(fs.existsSync(uploads) ? fs.readdirSync(uploads) : []).toEqual([]);
  });
});
