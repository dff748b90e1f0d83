import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations.js';

import type { Db } from './db-handle.js';

export class SchemaTooNewError extends Error {
  constructor(file: string, found: number, known: number) {
    super(
      `${file} has schema version ${found}, newer than this version of the app knows (${known}): update the app`,
    );
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Opens (and if asked creates) a project database: WAL so readers (the UI, a second `ser` process) never
 * block the importer, foreign keys on, a busy timeout so two processes wait for each other instead of failing.
 */
export function openDatabase(
  file: string,
  opts: { readonly?: boolean; migrations?: readonly Migration[] } = {},
): Db {
  if (!opts.readonly) fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  try {
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      // With WAL, NORMAL keeps the database consistent after a crash; only the last commits may be lost.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    if (!opts.readonly) migrate(db, file, opts.migrations ?? MIGRATIONS);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Brings a database to the latest schema, one transaction per step, so a failed step leaves the previous version.
 * Foreign keys are off while steps run, as SQLite's table-rebuild procedure needs (a step may drop and remake a
 * table others refer to); each step checks them before it commits.
 */
export function migrate(db: Db, file: string, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > migrations.length) throw new SchemaTooNewError(file, current, migrations.length);
  if (current === migrations.length) return current;
  const foreignKeys = Number(db.pragma('foreign_keys', { simple: true }));
  db.pragma('foreign_keys = OFF');
  try {
    for (let version = current; version < migrations.length; version++) {
      db.transaction(() => {
        // Another process may have migrated while we waited for the write lock.
        if (Number(db.pragma('user_version', { simple: true })) !== version) return;
        const step = migrations[version];
        if (typeof step === 'string') db.exec(step);
        else step(db);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0)
          throw new Error(`schema step ${version + 1} broke ${broken.length} foreign keys`);
        db.pragma(`user_version = ${version + 1}`);
      }).immediate();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return Number(db.pragma('user_version', { simple: true }));
}
