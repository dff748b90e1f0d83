import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, SchemaTooNewError } from '../../../src/core/dataset/node/db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/core/dataset/node/migrations.js';
import { openProject, ProjectNotFoundError } from '../../../src/core/dataset/node/project.js';
import { projectPaths } from '../../../src/core/dataset/node/project-paths.js';
import { cleanupAfterEach, fakeClip, NOW, tempDir } from './helpers.js';

cleanupAfterEach();

function tables(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{
      name: string;
    }>
  ).map((r) => r.name);
}

describe('database and migrations', () => {
  it('creates the schema in an empty file, with WAL and foreign keys', () => {
    const file = path.join(tempDir(), 'p.sqlite');
    fs.writeFileSync(file, '');
    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(Number(db.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
      expect(tables(db)).toEqual(
        expect.arrayContaining(['clips', 'label_events', 'settings', 'runs', 'run_epochs', 'predictions']),
      );
      const labels = db.prepare("SELECT value FROM settings WHERE key = 'labels'").get() as { value: string };
      expect(JSON.parse(labels.value)).toEqual(['happy', 'sad', 'neutral']);
    } finally {
      db.close();
    }
  });

  it('re-opens idempotently, keeping the data', () => {
    const dir = path.join(tempDir(), 'proj');
    const p1 = openProject(dir, { create: true });
    p1.clips.insert(fakeClip({ label: 'happy' }), NOW);
    p1.settings.setLabelSet('happy,sad,angry');
    p1.close();
    for (let i = 0; i < 2; i++) {
      const p = openProject(dir);
      expect(p.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(p.clips.count()).toBe(1);
      expect(p.settings.labelSet()).toEqual(['happy', 'sad', 'angry']);
      expect(p.db.pragma('integrity_check', { simple: true })).toBe('ok');
      p.close();
    }
  });

  it('applies only the missing steps, each in its own transaction', () => {
    const file = path.join(tempDir(), 'm.sqlite');
    const steps = ['CREATE TABLE a (x INTEGER)', 'CREATE TABLE b (y INTEGER)'];
    const db = new Database(file);
    try {
      expect(migrate(db, file, steps.slice(0, 1))).toBe(1);
      db.prepare('INSERT INTO a VALUES (1)').run();
      expect(migrate(db, file, steps)).toBe(2);
      expect(tables(db)).toEqual(['a', 'b']);
      expect(db.prepare('SELECT count(*) AS n FROM a').get()).toEqual({ n: 1 });
      // A failing step rolls back entirely and leaves the version where it was.
      expect(() =>
        migrate(db, file, [...steps, 'CREATE TABLE c (z INTEGER); CREATE TABLE a (dup INTEGER)']),
      ).toThrow();
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      expect(tables(db)).not.toContain('c');
    } finally {
      db.close();
    }
  });

  it('refuses a database from a newer version of the app', () => {
    const file = path.join(tempDir(), 'new.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(SchemaTooNewError);
  });

  it('does not create a project unless asked', () => {
    const dir = path.join(tempDir(), 'nothing-here');
    expect(() => openProject(dir)).toThrow(ProjectNotFoundError);
    expect(fs.existsSync(projectPaths(dir).database)).toBe(false);
  });

  it('enforces the schema: one good clip per content, foreign keys, valid values', () => {
    const p = openProject(path.join(tempDir(), 'p'), { create: true });
    try {
      const sha = 'f'.repeat(64);
      const id = p.clips.insert(fakeClip({ sha256: sha }), NOW);
      expect(() => p.clips.insert(fakeClip({ sha256: sha }), NOW)).toThrow(/UNIQUE/);
      // Two rejected files may share content (two empty files).
      p.clips.insert(fakeClip({ sha256: sha, status: 'rejected', durationS: null, reason: 'empty' }), NOW);
      p.clips.insert(fakeClip({ sha256: sha, status: 'rejected', durationS: null, reason: 'empty' }), NOW);
      expect(() => p.clips.insert(fakeClip({ split: 'holdout' as 'test' }), NOW)).toThrow(/CHECK/);
      expect(() => p.clips.insert(fakeClip({ sha256: null }), NOW)).toThrow(/CHECK/);
      expect(() =>
        p.db
          .prepare(
            "INSERT INTO label_events (clip_id, source, group_id, at) VALUES (9999, 'user', 'g', 'now')",
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
      p.db
        .prepare("INSERT INTO label_events (clip_id, source, group_id, at) VALUES (?, 'user', 'g', 'now')")
        .run(id);
      p.clips.delete(id);
      expect(p.db.prepare('SELECT count(*) AS n FROM label_events').get()).toEqual({ n: 0 });
    } finally {
      p.close();
    }
  });
});
