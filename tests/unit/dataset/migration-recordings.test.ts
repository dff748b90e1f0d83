/**
 * Schema step 7 (long recordings) on a project with data: every clip, label event (with its annotator columns),
 * run and prediction stays as it was; recordings, a clip's place in one, and 'segment' events become possible.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/dataset/node/db.js';
import { MIGRATIONS } from '../../../src/core/dataset/node/migrations.js';
import { cleanupAfterEach, tempDir } from './helpers.js';

cleanupAfterEach();

/** How many steps come before the long-recordings step. */
const BEFORE_RECORDINGS = 6;

function projectAtStep6(): { db: Database.Database; file: string } {
  const file = path.join(tempDir(), 'project.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, file, MIGRATIONS.slice(0, BEFORE_RECORDINGS));
  const clip = db.prepare(
    `INSERT INTO clips (path, sha256, format, duration_s, sample_rate, channels, speaker, label, label_source, status,
       peak, rms, imported_at, updated_at, intended_label)
     VALUES (?, ?, 'wav-pcm16', 2.5, 16000, 1, ?, ?, 'folder', 'ok', 0.5, 0.1, 't0', 't1', ?)`,
  );
  for (let i = 0; i < 12; i++)
    clip.run(`/data/c${i}.wav`, `sha${i}`, `sp${i % 3}`, ['happy', 'sad'][i % 2], i % 4 ? null : 'happy');
  const event = db.prepare(
    `INSERT INTO label_events (clip_id, old_label, new_label, source, group_id, at, annotator, old_annotation, new_annotation)
     VALUES (?, NULL, 'happy', ?, 'g', 't', ?, NULL, ?)`,
  );
  for (let i = 1; i <= 6; i++)
    event.run(i, i % 2 ? 'user' : 'recorded', i % 2 ? 'Ann' : null, i % 2 ? 'happy' : null);
  db.prepare(
    `INSERT INTO runs (created_at, status, kind, labels, config) VALUES ('t', 'done', 'train', '["happy","sad"]', '{}')`,
  ).run();
  db.prepare(
    `INSERT INTO predictions (run_id, clip_id, label, predicted, confidence, probs, known)
     VALUES (1, 2, 'sad', 'sad', 0.9, '{}', '{"predicted":"sad","confidence":0.8,"probs":{}}')`,
  ).run();
  return { db, file };
}

const dump = (db: Database.Database, table: string, columns = '*'): unknown[] =>
  db.prepare(`SELECT ${columns} FROM ${table} ORDER BY rowid`).all();

describe('the long-recordings schema step', () => {
  it('keeps every row and adds recordings, segment columns and segment events', () => {
    const { db, file } = projectAtStep6();
    const before = {
      clips: dump(db, 'clips'),
      events: dump(db, 'label_events') as Array<Record<string, unknown>>,
      predictions: dump(db, 'predictions'),
      runs: dump(db, 'runs'),
    };
    expect(migrate(db, file)).toBe(MIGRATIONS.length);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(dump(db, 'clips', Object.keys((before.clips[0] as object) ?? {}).join(', '))).toEqual(
      before.clips,
    );
    expect(dump(db, 'label_events')).toEqual(before.events.map((e) => ({ ...e, segment: null })));
    expect(dump(db, 'predictions')).toEqual(before.predictions);
    expect(dump(db, 'runs')).toEqual(before.runs);
    expect(db.prepare('SELECT recording_id, start_s, end_s FROM clips WHERE id = 1').get()).toEqual({
      recording_id: null,
      start_s: null,
      end_s: null,
    });

    db.prepare(
      `INSERT INTO recordings (source_path, path, sha256, format, sample_rate, channels, duration_s, speaker, detector, imported_at)
       VALUES ('/in/talk.mp3', '/p/long-recordings/ab/recording.wav', 'shaR', 'mp3', 44100, 2, 3600, 'recording:talk', '{}', 't')`,
    ).run();
    db.prepare('UPDATE clips SET recording_id = 1, start_s = 1.5, end_s = 3.25 WHERE id = 3').run();
    db.prepare(
      `INSERT INTO label_events (clip_id, old_label, new_label, source, group_id, at, segment)
       VALUES (3, 'happy', 'happy', 'segment', 'g2', 't', '{"before":null,"after":null}')`,
    ).run();
    expect(() =>
      db
        .prepare("INSERT INTO label_events (clip_id, source, group_id, at) VALUES (3, 'guess', 'g', 't')")
        .run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE label_events SET segment = 'not json' WHERE id = 1").run()).toThrow(
      /CHECK/,
    );
    expect(() => db.prepare('UPDATE clips SET recording_id = 99 WHERE id = 4').run()).toThrow(/FOREIGN KEY/);
    // a recording deleted takes its segments along, and with them their history
    db.prepare('DELETE FROM recordings WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM clips WHERE id = 3').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM label_events WHERE clip_id = 3').get()).toEqual({ n: 0 });
    db.close();
  });
});
