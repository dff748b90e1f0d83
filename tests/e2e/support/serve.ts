import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO } from './paths.js';

export interface Served {
  /** The URL printed by `ser serve`, with its token. */
  url: string;
  base: string;
  token: string;
  /** Everything the server wrote to stderr so far (for failure messages). */
  log(): string;
  /** POST /api/rpc/<method> with the token, returning the result or throwing the server's error. */
  rpc<T = unknown>(method: string, params?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** Starts `node bin/ser.js serve --project DIR --port 0` and waits for the URL line it prints. */
export async function startServe(projectDir: string, timeoutMs = 120_000): Promise<Served> {
  const child = spawn(
    process.execPath,
    [path.join(REPO, 'bin', 'ser.js'), 'serve', '--project', projectDir, '--port', '0'],
    {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`ser serve printed no URL in ${timeoutMs} ms:\n${stderr}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`ser serve exited with ${code} before printing its URL:\n${stderr}`));
    });
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  const base = parsed.origin;
  return {
    url,
    base,
    token,
    log: () => stderr,
    async rpc<T>(method: string, params: unknown = {}): Promise<T> {
      const res = await fetch(`${base}/api/rpc/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(params),
      });
      const body = (await res.json()) as { ok: boolean; result?: T; error?: string };
      if (!body.ok) throw new Error(`${method}: ${body.error}`);
      return body.result as T;
    },
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
