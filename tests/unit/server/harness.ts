import fs from 'node:fs';
import path from 'node:path';
import {
  createStudioService,
  type StudioService,
  type StudioServiceOptions,
} from '../../../src/core/studio/service.js';
import { startServer, type StudioServer } from '../../../src/server/server.js';
import { tempDir } from '../studio/fixtures.js';

export interface Harness {
  dir: string;
  projectDir: string;
  staticDir: string;
  service: StudioService;
  server: StudioServer;
  base: string;
  token: string;
  /** fetch against the server with the token header. */
  api(pathname: string, init?: RequestInit): Promise<Response>;
  rpc(
    method: string,
    params?: unknown,
  ): Promise<{ status: number; body: { ok: boolean; result?: unknown; error?: string } }>;
  close(): Promise<void>;
}

/** A server on a random loopback port over a fresh project and a tiny fake renderer build. */
export async function startHarness(opts: Partial<StudioServiceOptions> = {}): Promise<Harness> {
  const dir = tempDir('server');
  const projectDir = path.join(dir, 'project');
  const staticDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Emotion Studio</title>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'top secret');
  const service = createStudioService({ projectDir, mode: 'web', log: () => {}, ...opts });
  const server = await startServer({ service, port: 0, staticDir, log: () => {} });
  const base = `http://127.0.0.1:${server.port}`;
  const api = (pathname: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${base}${pathname}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${server.token}`,
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  return {
    dir,
    projectDir,
    staticDir,
    service,
    server,
    base,
    token: server.token,
    api,
    async rpc(method, params = {}) {
      const res = await api(`/api/rpc/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(params),
      });
      return {
        status: res.status,
        body: (await res.json()) as { ok: boolean; result?: unknown; error?: string },
      };
    },
    async close() {
      await server.close();
      await service.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
