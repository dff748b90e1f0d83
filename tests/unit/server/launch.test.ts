import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LaunchCodes, LAUNCH_CODE_TTL_MS } from '../../../src/server/launch.js';
import { tempDir } from '../studio/fixtures.js';
import { startHarness, type Harness } from './harness.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Opens a launch link as a browser would; the session cookie it got, if any. */
async function openLaunch(url: string): Promise<{ status: number; cookie: string | null }> {
  const res = await fetch(url, { redirect: 'manual', headers: { 'Sec-Fetch-Site': 'none' } });
  return { status: res.status, cookie: res.headers.get('set-cookie') };
}

describe('launch links and the session cookie', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('a launch link carries no token, works once, and sets an HttpOnly SameSite=Strict cookie', async () => {
    const link = h.server.launchUrl();
    expect(link).not.toContain(h.token);
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?launch=[A-Za-z0-9_-]{32}$/);
    const first = await openLaunch(link);
    expect(first.status).toBe(303);
    expect(first.cookie).toBe(`ser_session_${h.server.port}=${h.token}; HttpOnly; SameSite=Strict; Path=/`);
    const again = await openLaunch(link);
    expect(again.status).toBe(403);
    expect(again.cookie).toBeNull();
    expect((await openLaunch(`${h.base}/?launch=made-up`)).status).toBe(403);
  });

  it('the cookie authenticates the page; a state-changing request from another site is refused', async () => {
    const cookie = (await openLaunch(h.server.launchUrl())).cookie!.split(';')[0];
    const rpc = (headers: Record<string, string>): Promise<Response> =>
      fetch(`${h.base}/api/rpc/project.info`, {
        method: 'POST',
        headers: { Cookie: cookie, ...headers },
        body: '{}',
      });
    expect((await rpc({ Origin: h.base, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    expect((await rpc({ Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await rpc({ 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
    expect((await rpc({ Origin: 'http://127.0.0.1:1' })).status).toBe(403);
    // Another server's cookie (another port) is not this one's.
    const other = cookie.replace(`ser_session_${h.server.port}=`, 'ser_session_1=');
    expect(
      (
        await fetch(`${h.base}/api/rpc/project.info`, {
          method: 'POST',
          headers: { Cookie: other },
          body: '{}',
        })
      ).status,
    ).toBe(401);
    const audio = await fetch(`${h.base}/api/events`, { headers: { Cookie: cookie } });
    expect(audio.status).toBe(200);
    await audio.body?.cancel();
  });

  it('a code expires after a minute', () => {
    let now = 0;
    const codes = new LaunchCodes(() => now);
    const code = codes.issue();
    now = LAUNCH_CODE_TTL_MS + 1;
    expect(codes.redeem(code)).toBe(false);
  });
});

describe('ser serve --open', () => {
  it("puts no token on the browser's command line", async () => {
    const dir = tempDir('open');
    const bin = path.join(dir, 'bin');
    const argvFile = path.join(dir, 'browser-argv.txt');
    fs.mkdirSync(bin);
    // A stand-in for the system's URL opener that records its command line.
    fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\necho "$@" > "${argvFile}"\n`, { mode: 0o755 });
    const child = spawn(
      process.execPath,
      [
        path.join(root, 'bin', 'ser.js'),
        'serve',
        '--project',
        path.join(dir, 'p'),
        '--port',
        '0',
        '--no-build',
        '--open',
      ],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'ignore'],
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
      },
    );
    try {
      const printed = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(out);
          if (m) resolve(m[1]);
        });
        child.once('exit', () => reject(new Error('ser serve exited early')));
      });
      const token = new URL(printed).searchParams.get('token')!;
      for (let i = 0; i < 200 && !fs.existsSync(argvFile); i++) await new Promise((r) => setTimeout(r, 25));
      const argv = fs.readFileSync(argvFile, 'utf8').trim();
      expect(argv).not.toContain(token);
      expect(argv).toMatch(/\/\?launch=/);
      expect((await openLaunch(argv)).status).toBe(303);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
