import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/dataset/node/db.js';
import { MIGRATIONS } from '../../../src/core/dataset/node/migrations.js';
import { widenCheck } from '../../../src/core/dataset/node/rebuild-table.js';
import { cleanupAfterEach, tempDir } from '../dataset/helpers.js';

cleanupAfterEach();

/** How many steps come before the recording step (the last one). */
const RECORDING_STEP = 3;

/** A project file at the schema before recording (step 3: annotators) holding clips, label history, a run and its
 * predictions. */
function projectBeforeRecording(): { db: Database.Database; file: string } {
  const file = path.join(tempDir(), 'project.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, file, MIGRATIONS.slice(0, RECORDING_STEP));
  const clip = db.prepare(
    `INSERT INTO clips (path, sha256, format, duration_s, sample_rate, channels, speaker, label, label_source,
       split, status, reason, peak, rms, imported_at, updated_at)
     VALUES (?, ?, 'wav-pcm16', 2.5, 16000, 1, ?, ?, ?, NULL, ?, ?, 0.5, 0.1, 't0', 't1')`,
  );
  for (let i = 0; i < 40; i++) {
    const ok = i % 10 !== 9;
    clip.run(
      `/data/c${i}.wav`,
      ok ? `sha${i}` : null,
      `sp${i % 4}`,
      ok ? ['happy', 'sad', 'neutral'][i % 3] : null,
      ok ? (i % 5 === 0 ? 'user' : 'folder') : null,
      ok ? 'ok' : 'rejected',
      ok ? null : 'not audio',
    );
  }
  // rowids with a gap, as deletions leave them
  db.prepare('DELETE FROM clips WHERE id = 7').run();
  const event = db.prepare(
    `INSERT INTO label_events (clip_id, old_label, new_label, source, group_id, at, undone) VALUES (?, ?, ?, ?, ?, 't', ?)`,
  );
  for (const id of [1, 2, 3, 5, 6, 11]) event.run(id, null, 'happy', 'import', 'g1', 0);
  event.run(1, 'happy', 'sad', 'user', 'g2', 1);
  db.prepare(
    `INSERT INTO runs (created_at, status, kind, labels, config) VALUES ('t', 'done', 'train', '["happy","sad"]', '{}')`,
  ).run();
  db.prepare(
    `INSERT INTO predictions (run_id, clip_id, label, predicted, confidence, probs) VALUES (1, 2, 'sad', 'sad', 0.9, '{}')`,
  ).run();
  return { db, file };
}

const dump = (db: Database.Database, table: string, columns = '*'): unknown[] =>
  db.prepare(`SELECT ${columns} FROM ${table} ORDER BY rowid`).all();

const indexes = (db: Database.Database): string[] =>
  (
    db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
      .all() as Array<{
      sql: string;
    }>
  ).map((r) => r.sql);

const PREDICTION_COLUMNS = 'run_id, clip_id, fold, label, predicted, confidence, probs';

describe('the recording schema step', () => {
  it('keeps every row, id, label event, prediction and index of a project with data', () => {
    const { db, file } = projectBeforeRecording();
    const clipCols =
      'id, path, sha256, speaker, label, label_source, status, reason, imported_at, updated_at';
    const before = {
      clips: dump(db, 'clips', clipCols),
      events: dump(db, 'label_events'),
      predictions: dump(db, 'predictions', PREDICTION_COLUMNS),
      runs: dump(db, 'runs'),
      indexes: indexes(db),
    };
    expect(before.clips).toHaveLength(39);

    expect(migrate(db, file)).toBe(MIGRATIONS.length);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(dump(db, 'clips', clipCols)).toEqual(before.clips);
    // A later step's column: a segment edit's stretches (step 7), none for events made before it.
    expect(dump(db, 'label_events')).toEqual(
      (before.events as Array<Record<string, unknown>>).map((e) => ({ ...e, segment: null })),
    );
    expect(dump(db, 'predictions', PREDICTION_COLUMNS)).toEqual(before.predictions);
    // A later step's column: the known-voice prediction, none for predictions made before it.
    expect(db.prepare('SELECT known FROM predictions').all()).toEqual([{ known: null }]);
    expect(dump(db, 'runs')).toEqual(before.runs);
    expect(indexes(db)).toEqual(expect.arrayContaining(before.indexes));
    // the session's takes (this step) and a long recording's segments (step 7)
    expect(indexes(db).length).toBe(before.indexes.length + 2);
    expect(
      db.prepare('SELECT prompt, session_id, take_index, intended_label FROM clips WHERE id = 1').get(),
    ).toEqual({
      prompt: null,
      session_id: null,
      take_index: null,
      intended_label: null,
    });

    // 'recorded' is now a label source and an event source; anything else still is not
    db.prepare("UPDATE clips SET label_source = 'recorded' WHERE id = 3").run();
    db.prepare(
      "INSERT INTO label_events (clip_id, new_label, source, group_id, at) VALUES (3, 'sad', 'recorded', 'g', 't')",
    ).run();
    expect(() => db.prepare("UPDATE clips SET label_source = 'guess' WHERE id = 3").run()).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare("INSERT INTO label_events (clip_id, source, group_id, at) VALUES (3, 'guess', 'g', 't')")
        .run(),
    ).toThrow(/CHECK/);
    // the unique content index still holds, and deleting a clip still takes its history and predictions along
    expect(() =>
      db
        .prepare(
          "INSERT INTO clips (path, sha256, duration_s, status, imported_at, updated_at) VALUES ('/x', 'sha1', 1, 'ok', 't', 't')",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    db.prepare('DELETE FROM clips WHERE id = 2').run();
    expect(db.prepare('SELECT count(*) AS n FROM predictions').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM label_events WHERE clip_id = 2').get()).toEqual({ n: 0 });
    db.close();
  });

  it('a rebuild keeps columns an earlier step added, with their data', () => {
    const { db } = projectBeforeRecording();
    db.exec("ALTER TABLE clips ADD COLUMN annotator_note TEXT; UPDATE clips SET annotator_note = 'n' || id");
    db.pragma('foreign_keys = OFF');
    db.transaction(() => widenCheck(db, 'clips', "'folder', 'user')", "'folder', 'user', 'recorded')"))();
    db.pragma('foreign_keys = ON');
    expect(db.prepare('SELECT annotator_note FROM clips WHERE id = 12').get()).toEqual({
      annotator_note: 'n12',
    });
    expect(() => widenCheck(db, 'clips', 'no such text', 'x')).toThrow(/does not hold/);
    db.close();
  });

  it('a failing step leaves the file at the version before', () => {
    const { db, file } = projectBeforeRecording();
    const broken = [
      ...MIGRATIONS.slice(0, 2),
      MIGRATIONS[2],
      'CREATE TABLE oops (x REFERENCES nowhere (id)); INSERT INTO oops VALUES (1)',
    ];
    expect(() => migrate(db, file, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
