import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/dataset/node/db.js';
import { MIGRATIONS } from '../../../src/core/dataset/node/migrations.js';
import { openProject } from '../../../src/core/dataset/node/project.js';
import { projectPaths } from '../../../src/core/dataset/node/project-paths.js';
import { cleanupAfterEach, tempDir } from './helpers.js';

cleanupAfterEach();

const RENEE = 'Ren\u00e9e';
const RENEE_NFD = 'Rene\u0301e';

describe('migration 5: one person, one annotator', () => {
  it('merges the spellings of one name into the first, keeps a person’s later label, re-derives labels and records each merge', () => {
    const dir = path.join(tempDir(), 'old');
    // A project file as the app wrote it at schema version 4.
    const old = openDatabase(projectPaths(dir).database, { migrations: MIGRATIONS.slice(0, 4) });
    const clip = old.prepare(
      `INSERT INTO clips (id, path, sha256, duration_s, speaker, label, label_source, status, imported_at, updated_at)
       VALUES (?, ?, ?, 1.5, 's1', ?, 'user', 'ok', 'now', 'now')`,
    );
    const annotate = old.prepare(
      'INSERT INTO annotations (clip_id, annotator, label, at) VALUES (?, ?, ?, ?)',
    );
    const event = old.prepare(
      `INSERT INTO label_events (clip_id, old_label, new_label, source, group_id, at, annotator, old_annotation, new_annotation)
       VALUES (?, NULL, ?, 'user', ?, ?, ?, NULL, ?)`,
    );
    const label = (id: number, who: string, l: string, at: string): void => {
      annotate.run(id, who, l, at);
      event.run(id, l, `g-${at}`, at, who, l);
    };
    // Clip 1: Ben said sad, then as "ben" happy; Ann said sad. Two votes of three for sad made it sad; one
    // person is one vote, their later one: happy against sad, a tie, and the tie rule's adjudicator decides.
    clip.run(1, '/x/1.wav', 'a1', 'sad');
    label(1, 'Ben', 'sad', '2026-01-01T00:00:01Z');
    label(1, 'Ann', 'sad', '2026-01-01T00:00:02Z');
    label(1, 'ben', 'happy', '2026-01-01T00:00:03Z');
    // Clip 2: the other spellings, each of a different clip so they only rename.
    clip.run(2, '/x/2.wav', 'a2', 'neutral');
    label(2, 'BEN', 'neutral', '2026-01-01T00:00:04Z');
    label(2, 'Anna  Lee', 'neutral', '2026-01-01T00:00:05Z');
    label(2, RENEE_NFD, 'neutral', '2026-01-01T00:00:06Z');
    label(2, 'Cleo\u200b', 'neutral', '2026-01-01T00:00:07Z');
    clip.run(3, '/x/3.wav', 'a3', 'neutral');
    label(3, 'anna lee', 'neutral', '2026-01-01T00:00:08Z');
    label(3, RENEE, 'neutral', '2026-01-01T00:00:09Z');
    label(3, '\ufeffCleo', 'neutral', '2026-01-01T00:00:10Z');
    old
      .prepare("INSERT INTO settings (key, value) VALUES ('tieRule', ?)")
      .run(JSON.stringify({ rule: 'adjudicator', adjudicator: 'BEN' }));
    old.close();

    const p = openProject(dir);
    try {
      expect(p.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(p.annotations.annotators()).toEqual(['Ann', 'Anna Lee', 'Ben', 'Cleo', RENEE]);
      // Ben's later label is his one vote; Ann and Ben tie, and the adjudicator (Ben, however spelled) decides.
      expect(p.annotations.of(1)).toEqual([
        { annotator: 'Ann', label: 'sad' },
        { annotator: 'Ben', label: 'happy' },
      ]);
      expect(p.annotations.tieRule()).toEqual({ rule: 'adjudicator', adjudicator: 'Ben' });
      expect(p.clips.get(1)!.label).toBe('happy');
      expect(p.labels.history(1).at(-1)).toMatchObject({
        source: 'bulk',
        oldLabel: 'sad',
        newLabel: 'happy',
      });
      expect(p.annotations.of(2).map((a) => a.annotator)).toEqual(['Anna Lee', 'Ben', 'Cleo', RENEE]);
      expect(p.annotations.of(3).map((a) => a.annotator)).toEqual(['Anna Lee', 'Cleo', RENEE]);
      expect(p.clips.get(2)!.label).toBe('neutral');
      // The history follows: every event names the person as the project now spells them.
      const names = p.db
        .prepare('SELECT DISTINCT annotator FROM label_events WHERE annotator IS NOT NULL ORDER BY annotator')
        .all() as Array<{ annotator: string }>;
      expect(names.map((n) => n.annotator)).toEqual(['Ann', 'Anna Lee', 'Ben', 'Cleo', RENEE]);
      // What was merged, into what.
      const merges = p.db
        .prepare('SELECT name, merged_into, labels, dropped FROM annotator_merges ORDER BY id')
        .all();
      expect(merges).toEqual([
        { name: 'ben', merged_into: 'Ben', labels: 0, dropped: 1 },
        { name: 'BEN', merged_into: 'Ben', labels: 1, dropped: 0 },
        { name: 'Anna  Lee', merged_into: 'Anna Lee', labels: 1, dropped: 0 },
        { name: RENEE_NFD, merged_into: RENEE, labels: 1, dropped: 0 },
        { name: 'Cleo\u200b', merged_into: 'Cleo', labels: 1, dropped: 0 },
        { name: 'anna lee', merged_into: 'Anna Lee', labels: 1, dropped: 0 },
        { name: '\ufeffCleo', merged_into: 'Cleo', labels: 1, dropped: 0 },
      ]);
      // Labelling on under any spelling is the same person.
      p.labels.relabel([3], 'sad', { annotator: 'BEN' });
      expect(p.annotations.of(3).find((a) => a.label === 'sad')?.annotator).toBe('Ben');
      expect(p.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(p.db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      p.close();
    }
  });
});
