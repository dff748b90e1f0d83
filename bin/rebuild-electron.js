#!/usr/bin/env node
// `npm run rebuild:electron`: compiles better-sqlite3 for Electron's ABI into build/electron/better_sqlite3.node.
// It builds a private copy of the package in a staging folder, so node_modules keeps the Node build that the
// CLI (`ser`) and the tests load; the desktop app loads the Electron build through better-sqlite3's
// `nativeBinding` option (src/main/better-sqlite3-electron.ts). Needs the network once for Electron's headers.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const outDir = path.join(root, 'build', 'electron');
const target = path.join(outDir, 'better_sqlite3.node');
const stampFile = path.join(outDir, 'better_sqlite3.json');
const force = process.argv.includes('--force');

const electronVersion = require('electron/package.json').version;
const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = require('better-sqlite3/package.json').version;
const stamp = {
  electronVersion,
  betterSqlite3Version: sqliteVersion,
  platform: process.platform,
  arch: process.arch,
};

function upToDate() {
  try {
    const old = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    return fs.existsSync(target) && Object.entries(stamp).every(([k, v]) => old[k] === v);
  } catch {
    return false;
  }
}

if (!force && upToDate()) {
  console.log(
    `build/electron/better_sqlite3.node is current (Electron ${electronVersion}, better-sqlite3 ${sqliteVersion}).`,
  );
  process.exit(0);
}

const staging = path.join(outDir, 'staging');
fs.rmSync(staging, { recursive: true, force: true });
const pkgDir = path.join(staging, 'node_modules', 'better-sqlite3');
fs.mkdirSync(pkgDir, { recursive: true });
// The package's sources without its Node build products (they'd be mistaken for an Electron build).
fs.cpSync(sqliteDir, pkgDir, {
  recursive: true,
  filter: (src) => path.relative(sqliteDir, src).split(path.sep)[0] !== 'build',
});
fs.writeFileSync(
  path.join(staging, 'package.json'),
  JSON.stringify(
    {
      name: 'emotion-studio-electron-natives',
      private: true,
      version: '0.0.0',
      dependencies: { 'better-sqlite3': sqliteVersion },
    },
    null,
    2,
  ),
);

console.log(
  `Compiling better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (this takes a few minutes) ...`,
);
try {
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: staging, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  const built = path.join(pkgDir, 'build', 'Release', 'better_sqlite3.node');
  if (!fs.existsSync(built)) throw new Error(`the build did not produce ${built}`);
  fs.copyFileSync(built, target);
  fs.writeFileSync(stampFile, JSON.stringify({ ...stamp, builtAt: new Date().toISOString() }, null, 2));
  console.log(`Wrote ${path.relative(root, target)}.`);
} catch (err) {
  console.error(
    `Could not build better-sqlite3 for Electron: ${err instanceof Error ? err.message : String(err)}`,
  );
  console.error(
    'It needs a C++ toolchain (python3, make, g++ or the platform equivalent) and, once, the network for Electron headers.',
  );
  process.exitCode = 1;
} finally {
  fs.rmSync(staging, { recursive: true, force: true });
}
