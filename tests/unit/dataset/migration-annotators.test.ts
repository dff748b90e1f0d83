import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/dataset/node/db.js';
import { MIGRATIONS } from '../../../src/core/dataset/node/migrations.js';
import { openProject } from '../../../src/core/dataset/node/project.js';
import { projectPaths } from '../../../src/core/dataset/node/project-paths.js';
import { cleanupAfterEach, tempDir } from './helpers.js';

cleanupAfterEach();

describe('migration 3: annotators', () => {
  it('brings a project made before annotators up to date, keeping its clips, labels and history', () => {
    const dir = path.join(tempDir(), 'old');
    // A project file as the app wrote it at schema version 2.
    const old = openDatabase(projectPaths(dir).database, { migrations: MIGRATIONS.slice(0, 2) });
    expect(old.pragma('user_version', { simple: true })).toBe(2);
    old
      .prepare(
        `INSERT INTO clips (id, path, sha256, duration_s, speaker, label, label_source, status, imported_at, updated_at)
         VALUES (1, '/x/a.wav', 'aa', 1.5, 's1', 'happy', 'convention', 'ok', 'now', 'now')`,
      )
      .run();
    old
      .prepare(
        `INSERT INTO label_events (clip_id, old_label, new_label, source, group_id, at)
         VALUES (1, NULL, 'happy', 'import', 'g', 'now')`,
      )
      .run();
    old.close();

    const p = openProject(dir);
    try {
      expect(p.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(p.clips.get(1)).toMatchObject({ label: 'happy', speaker: 's1' });
      expect(p.labels.history(1)).toEqual([expect.objectContaining({ newLabel: 'happy', annotator: null })]);
      const intended = p.db.prepare('SELECT intended_label FROM clips WHERE id = 1').get() as {
        intended_label: string | null;
      };
      expect(intended.intended_label).toBeNull();
      expect(p.annotations.of(1)).toEqual([]);
      // The old project works as before, and takes annotators from now on.
      p.labels.relabel([1], 'sad');
      expect(p.clips.get(1)!.label).toBe('sad');
      p.labels.relabel([1], 'neutral', { annotator: 'Ann' });
      expect(p.annotations.of(1)).toEqual([{ annotator: 'Ann', label: 'neutral' }]);
      expect(p.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      p.close();
    }
  });
});
