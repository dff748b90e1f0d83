import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { nativeBackendInstalled } from '../../../src/core/model/backend/node/node-backends.js';
import { openBrowser } from '../../../src/server/open-browser.js';
import { tempDir } from '../studio/fixtures.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** A folder with stand-ins for system commands, each a shell script. */
function fakeBin(dir: string, scripts: Record<string, string>): string {
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  for (const [name, body] of Object.entries(scripts))
    fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return bin;
}

/** Runs `npm start`'s script until `ser serve` prints its URL; everything it printed by then. */
async function startUntilServed(
  dir: string,
  env: NodeJS.ProcessEnv,
  settled: (stderr: string) => boolean,
): Promise<{ stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin', 'start.js'), '--project', path.join(dir, 'p'), '--port', '0', '--no-build'],
    // its own process group, so the `ser serve` it starts goes with it (killing start.js alone orphans it)
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env, detached: true },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (/^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/m.test(stdout)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`start exited (${code}):\n${stdout}\n${stderr}`)));
    });
    // --open's outcome comes after the URL line
    for (let i = 0; i < 200 && !settled(stderr); i++) await new Promise((r) => setTimeout(r, 25));
    return { stdout, stderr };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is gone already
    }
    if (child.exitCode === null && child.signalCode === null) await exited;
  }
}

/** The environment of a machine without a display, with `extra` on top. */
function headlessEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
}

describe('npm start without the desktop runtime', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("says plainly that the window needs Electron's download, never Electron's reinstall advice, and serves the studio", async () => {
    dir = tempDir('start');
    const bin = fakeBin(dir, { 'xdg-open': 'exit 3' });
    const empty = path.join(dir, 'no-electron');
    fs.mkdirSync(empty);
    const out = await startUntilServed(
      dir,
      headlessEnv({
        // electron's index.js resolves its binary inside this folder, where there is none
        ELECTRON_OVERRIDE_DIST_PATH: empty,
        ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
        PATH: `${bin}:${process.env.PATH}`,
      }),
      (stderr) => stderr.includes('--open'),
    );
    const all = out.stdout + out.stderr;
    expect(all).not.toMatch(/delete node_modules\/electron|try installing again/);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe(
      "No desktop window: it needs Electron's runtime, a separate download this install skipped or could not fetch.",
    );
    expect(lines[1]).toBe('Serving the studio in your browser instead (ser serve --open) ...');
    // ... and the opener that found no browser is reported, with the reason
    expect(out.stderr).toMatch(
      /--open: no browser could be opened \(xdg-open found no browser \(it exited with 3\); there is no display \(DISPLAY and WAYLAND_DISPLAY are not set\)\)\. Open the URL above yourself\./,
    );
    // ... and, once, which backend training will use without native TensorFlow, and how to get it
    const notice = out.stderr.split('\n').filter((l) => l.includes('For faster training'));
    if (nativeBackendInstalled()) expect(notice).toEqual([]);
    else
      expect(notice).toEqual([
        expect.stringMatching(
          /^Training will use the wasm backend \(tfjs-node is not installed\)\. For faster training, reinstall @tensorflow\/tfjs-node .*npm install @tensorflow\/tfjs-node.*tfjs-node-gpu on a machine with CUDA\.$/,
        ),
      ]);
  }, 60_000);

  it('with Electron present but no display, says there is no display and serves the studio', async () => {
    dir = tempDir('start');
    const opened = path.join(dir, 'opened');
    const bin = fakeBin(dir, { 'xdg-open': `: > "${opened}"; exit 0` });
    const dist = fakeBin(path.join(dir, 'dist'), {
      electron: 'echo "the window must not start here" >&2; exit 9',
    });
    const out = await startUntilServed(
      dir,
      headlessEnv({ ELECTRON_OVERRIDE_DIST_PATH: dist, PATH: `${bin}:${process.env.PATH}` }),
      () => fs.existsSync(opened),
    );
    await new Promise((r) => setTimeout(r, 200)); // the opener's exit reaches ser serve
    expect(out.stdout.split('\n')[0]).toBe(
      'No desktop window: there is no display here (DISPLAY and WAYLAND_DISPLAY are not set).',
    );
    expect(out.stderr).not.toContain('the window must not start here');
    expect(out.stderr).not.toContain('no browser could be opened');
  }, 60_000);
});

describe('openBrowser', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const url = 'http://127.0.0.1:1/?launch=x';

  it('reports an opener that exits 0 as opened, and one that fails with its exit code', async () => {
    dir = tempDir('opener');
    const ok = fakeBin(path.join(dir, 'ok'), { 'xdg-open': 'exit 0' });
    const bad = fakeBin(path.join(dir, 'bad'), { 'xdg-open': 'exit 4' });
    expect(await openBrowser(url, 'linux', { PATH: ok, DISPLAY: ':0' })).toEqual({ opened: true });
    expect(await openBrowser(url, 'linux', { PATH: bad, DISPLAY: ':0' })).toEqual({
      opened: false,
      why: 'xdg-open found no browser (it exited with 4)',
    });
  });

  it('says when there is no opener at all', async () => {
    dir = tempDir('opener');
    const none = path.join(dir, 'none');
    fs.mkdirSync(none);
    expect(await openBrowser(url, 'linux', { PATH: none, DISPLAY: ':0' })).toEqual({
      opened: false,
      why: 'xdg-open is not installed',
    });
  });

  it('takes an opener that keeps running (a browser in the foreground) as opened', async () => {
    dir = tempDir('opener');
    const slow = fakeBin(path.join(dir, 'slow'), { 'xdg-open': 'exec /bin/sleep 10' });
    const started = Date.now();
    expect(await openBrowser(url, 'linux', { PATH: slow, DISPLAY: ':0' })).toEqual({ opened: true });
    expect(Date.now() - started).toBeLessThan(6000);
  }, 15_000);
});
