import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_PREDICT_BYTES,
  MAX_RPC_BYTES,
  MAX_TAKE_BYTES,
  MAX_UPLOAD_BYTES,
} from '../../../src/common/web-api.js';
import { startHarness, type Harness } from './harness.js';

const CHUNK = Buffer.alloc(1 << 20, 0x20);

/**
 * POSTs `bytes` with no Content-Length (chunked, as `curl -T -` sends a pipe), a megabyte at a time, and
 * resolves with the status and body the server answered, or with the error the connection ended in.
 */
function postChunked(h: Harness, pathname: string, bytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port: h.server.port,
      method: 'POST',
      path: pathname,
      headers: { Authorization: `Bearer ${h.token}`, 'Transfer-Encoding': 'chunked' },
    });
    req.once('response', (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.once('error', reject);
    let sent = 0;
    const pump = (): void => {
      while (sent < bytes) {
        const n = Math.min(CHUNK.length, bytes - sent);
        sent += n;
        if (!req.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

describe('bodies over the limit without a declared length', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it.each([
    ['/api/rpc/project.info', MAX_RPC_BYTES],
    ['/api/predict', MAX_PREDICT_BYTES],
    ['/api/record/take?sessionId=1&index=0', MAX_TAKE_BYTES],
    ['/api/upload?name=big.wav', MAX_UPLOAD_BYTES],
  ])('get 413 on %s, as a declared one does', async (route, limit) => {
    const { status, body } = await postChunked(h, route, limit + CHUNK.length);
    expect(status).toBe(413);
    expect(JSON.parse(body)).toEqual({ ok: false, error: expect.stringMatching(/too large/) });
  });

  it('leave no upload behind, and the server answers the next request', async () => {
    const uploads = path.join(h.projectDir, 'uploads');
    expect(fs.existsSync(uploads) ? fs.readdirSync(uploads, { recursive: true }) : []).toEqual([]);
    expect((await h.rpc('project.info')).status).toBe(200);
  });

  it('a chunked body under the limit is read whole', async () => {
    const { status, body } = await postChunked(h, '/api/upload?name=small.wav', 3 * CHUNK.length + 5);
    expect(status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ ok: true, result: { bytes: 3 * CHUNK.length + 5 } });
  });
});
