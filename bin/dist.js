#!/usr/bin/env node
// `npm run dist`: this platform's installers (AppImage and deb on Linux, dmg on macOS, NSIS on Windows) in
// dist/: better-sqlite3 compiled for Electron, the app built, then electron-builder with
// electron-builder.config.mjs. Extra arguments go to electron-builder (e.g. `npm run dist -- --dir`).
// Packaging starts from the Electron binary that `npm ci` downloads; where it could not (as on machines
// that only reach the npm registry), this says so in one line and exits non-zero.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** The Electron binary npm installed, or null (electron's index.js throws when it was never downloaded). */
function electronBinary() {
  try {
    const p = require('electron');
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function step(what, script, args = []) {
  const run = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`npm run dist: ${what} failed (see above).`);
    process.exit(run.status || 1);
  }
}

if (!electronBinary()) {
  console.error(
    "npm run dist: Electron's binary is not downloaded here (skipped or unreachable at install), and the installers are built from it: run `node node_modules/electron/install.js` where its download host can be reached, then again.",
  );
  process.exit(1);
}
let builderCli;
try {
  builderCli = path.join(path.dirname(require.resolve('electron-builder/package.json')), 'cli.js');
} catch {
  console.error(
    'npm run dist: electron-builder is not installed (npm ci installs it with the dev dependencies).',
  );
  process.exit(1);
}
step('compiling better-sqlite3 for Electron', path.join(root, 'bin', 'rebuild-electron.js'));
step(
  'building the app',
  path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'),
  ['build'],
);
step('electron-builder', builderCli, [
  '--config',
  'electron-builder.config.mjs',
  '--publish',
  'never',
  ...process.argv.slice(2),
]);
