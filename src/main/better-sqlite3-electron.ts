/**
 * Electron's build of the app imports this module wherever the engine imports 'better-sqlite3' (an alias in
 * electron.vite.config.ts). It is the same library, but every database it opens loads the copy of the
 * native binding compiled for Electron's ABI (`npm run rebuild:electron` puts it in build/electron/), so the
 * Node copy in node_modules, which the CLI and the tests use, is never touched.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';

type DatabaseConstructor = typeof BetterSqlite3;

const nodeRequire = createRequire(import.meta.url);
const Real = nodeRequire('better-sqlite3') as DatabaseConstructor;

const BINDING_REL = path.join('build', 'electron', 'better_sqlite3.node');

/**
 * EMOTION_STUDIO_SQLITE_BINDING, else build/electron/better_sqlite3.node at the app root, found by walking up
 * from this bundle (the bundler may place this code in out/main/ or out/main/chunks/). Resolved on first use.
 */
function findBinding(): string | undefined {
  const fromEnv = process.env.EMOTION_STUDIO_SQLITE_BINDING;
  if (fromEnv) return fromEnv;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, BINDING_REL);
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return undefined;
}

let binding: string | undefined | null = null;
const nativeBinding = (): string | undefined => (binding === null ? (binding = findBinding()) : binding);

const Database = new Proxy(Real, {
  construct(target, args: unknown[]) {
    const [filename, options] = args as [string | Buffer | undefined, BetterSqlite3.Options | undefined];
    return new target(filename, { nativeBinding: nativeBinding(), ...options });
  },
  apply(target, _this, args: unknown[]) {
    const [filename, options] = args as [string | Buffer | undefined, BetterSqlite3.Options | undefined];
    return new target(filename, { nativeBinding: nativeBinding(), ...options });
  },
}) as DatabaseConstructor;

export default Database;
