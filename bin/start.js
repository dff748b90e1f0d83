#!/usr/bin/env node
// `npm start`: the desktop window where Electron can run here; otherwise the same studio in a browser
// (`ser serve --open` on the default project), with a line saying why.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

// Electron's own error for a missing binary advises deleting node_modules/electron and installing again, which
// is wrong where the download was skipped on purpose (ELECTRON_SKIP_BINARY_DOWNLOAD) or can't be fetched.
const NO_RUNTIME = "it needs Electron's runtime, a separate download this install skipped or could not fetch";

/** The Electron binary's path, or why there is none. */
function electronBinary() {
  try {
    const p = require('electron');
    if (typeof p === 'string' && fs.existsSync(p)) return { path: p };
  } catch {
    // index.js throws when the download never happened; the reason below says it plainly
  }
  return { reason: NO_RUNTIME };
}

function hasDisplay() {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function run(cmd, cmdArgs, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { stdio: 'inherit', cwd: root, ...opts });
    // Ctrl-C in a terminal reaches the child directly (same process group); forwarding it too would count as
    // a second Ctrl-C, which means "stop now" to `ser serve`. SIGTERM (a service manager) is passed on.
    const ignore = () => {};
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', ignore);
    process.on('SIGTERM', forward);
    child.on('error', (err) => {
      console.error(String(err));
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function browserInstead(why) {
  console.log(`No desktop window: ${why}.`);
  console.log('Serving the studio in your browser instead (ser serve --open) ...');
  process.exitCode = await run(process.execPath, [
    path.join(root, 'bin', 'ser.js'),
    'serve',
    '--open',
    ...args,
  ]);
}

/**
 * npm is told not to run Electron's download at install time (package.json allowScripts), so `npm ci` succeeds on
 * machines that can't reach Electron's release host. The first start with a display fetches the binary instead.
 */
async function fetchElectronBinary() {
  let installer;
  try {
    installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return false;
  }
  console.log('Fetching the Electron runtime for the desktop window (first start only) ...');
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [installer], { env, encoding: 'utf8', timeout: 10 * 60_000 });
  if (result.status === 0) return true;
  const lines = `${result.stderr ?? ''}`.split('\n').filter((l) => /error/i.test(l));
  console.log(`  could not fetch it: ${lines[0]?.trim() || `installer exited with ${result.status}`}`);
  return false;
}

let electron = electronBinary();
if (!electron.path && hasDisplay() && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  if (await fetchElectronBinary()) electron = electronBinary();
}
if (!electron.path) {
  await browserInstead(electron.reason);
} else if (!hasDisplay()) {
  await browserInstead('there is no display here (DISPLAY and WAYLAND_DISPLAY are not set)');
} else {
  // The database driver must match Electron's ABI; this is quick when the Electron copy is already built.
  const rebuilt = await run(process.execPath, [path.join(root, 'bin', 'rebuild-electron.js')]);
  if (rebuilt !== 0) {
    await browserInstead('better-sqlite3 could not be built for Electron (see above)');
  } else {
    const built = await run(process.execPath, [
      path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'),
      'build',
    ]);
    if (built !== 0) {
      console.error('The app failed to build (see above).');
      process.exitCode = built;
    } else {
      process.exitCode = await run(electron.path, ['.', ...args]);
    }
  }
}
