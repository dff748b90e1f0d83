import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../studio/fixtures.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function serve(projectDir: string): {
  child: ChildProcess;
  url: Promise<string>;
  exit: Promise<number | null>;
  stderr: () => string;
} {
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin', 'ser.js'), 'serve', '--project', projectDir, '--port', '0', '--no-build'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) =>
      reject(new Error(`ser serve exited (${code}) before printing its URL:\n${err}`)),
    );
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, url, exit, stderr: () => err };
}

describe('ser serve', () => {
  let dir: string;
  let running: ChildProcess | null = null;
  afterEach(() => {
    running?.kill('SIGKILL');
    running = null;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'prints its URL, answers with the token only, and stops cleanly on %s',
    async (signal) => {
      dir = tempDir('serve');
      const s = serve(path.join(dir, 'project'));
      running = s.child;
      const url = new URL(await s.url);
      const token = url.searchParams.get('token')!;
      const ok = await fetch(`${url.origin}/api/rpc/project.info`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body: '{}',
      });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { result: { dir: string } }).result.dir).toBe(path.join(dir, 'project'));
      expect((await fetch(`${url.origin}/api/rpc/project.info`, { method: 'POST', body: '{}' })).status).toBe(
        401,
      );
      // An open event stream must not keep the server from stopping.
      const events = await fetch(`${url.origin}/api/events?token=${token}`);
      expect(events.status).toBe(200);
      s.child.kill(signal);
      expect(await s.exit).toBe(0);
      expect(s.stderr()).toMatch(new RegExp(`${signal}: stopping`));
      running = null;
    },
    60_000,
  );
});
