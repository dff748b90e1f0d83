import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { importSource } from '../../../src/core/dataset/node/importer.js';
import { openProject } from '../../../src/core/dataset/node/project.js';
import { projectPaths } from '../../../src/core/dataset/node/project-paths.js';
import { cleanup, tempDir } from './helpers.js';
import { hasSharedData, sharedPath } from '../../support/shared-data.js';

afterAll(cleanup);

const EMODB = sharedPath('data/emodb');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function countClips(file: string): number | undefined {
  if (!fs.existsSync(file)) return undefined;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return (db.prepare('SELECT count(*) AS n FROM clips').get() as { n: number }).n;
  } catch {
    return undefined; // not migrated yet
  } finally {
    db?.close();
  }
}

/** Starts `ser import` and SIGKILLs it once the database holds some but not all clips; the count it saw, or undefined if it finished first. */
async function killMidway(projectDir: string): Promise<number | undefined> {
  const child = spawn(
    process.execPath,
    [path.resolve('bin/ser.js'), 'import', EMODB, '--project', projectDir],
    {
      stdio: 'ignore',
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => (running = false));
  const file = projectPaths(projectDir).database;
  let seen: number | undefined;
  while (running) {
    const n = countClips(file);
    if (n !== undefined && n > 0 && n < 535) {
      child.kill('SIGKILL');
      seen = n;
      break;
    }
    await sleep(2);
  }
  await exited;
  return seen;
}

const hasEmoDb = hasSharedData('the import-kill test (it imports EmoDB)', 'data/emodb/manifest.csv');

describe.runIf(hasEmoDb)('an import killed halfway', () => {
  it('leaves a consistent database that a second run completes', async () => {
    let projectDir = '';
    let seen: number | undefined;
    // The import is fast; on the rare run where it finishes between two looks, try again.
    for (let attempt = 0; attempt < 5 && seen === undefined; attempt++) {
      projectDir = path.join(tempDir(), 'project');
      seen = await killMidway(projectDir);
    }
    expect(seen).toBeDefined();

    const project = openProject(projectDir);
    try {
      expect(project.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const n = project.clips.count();
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(535);
      // Whole batches only: every clip complete, each with its import event.
      const incomplete = project.db
        .prepare(
          `SELECT count(*) AS n FROM clips WHERE status != 'ok' OR sha256 IS NULL OR duration_s IS NULL
             OR sample_rate IS NULL OR channels IS NULL OR format IS NULL OR peak IS NULL OR rms IS NULL
             OR label IS NULL OR speaker = 'unknown'
             OR NOT EXISTS (SELECT 1 FROM label_events e WHERE e.clip_id = clips.id AND e.source = 'import')`,
        )
        .get();
      expect(incomplete).toEqual({ n: 0 });
      expect(project.db.prepare('SELECT count(*) AS n FROM label_events').get()).toEqual({ n });

      const summary = await importSource(project, EMODB);
      expect(summary.added).toBe(535 - n);
      expect(summary.unchanged).toBe(n);
      expect(project.clips.count({ status: 'ok' })).toBe(535);
      expect(project.clips.stats().perLabel).toEqual({
        angry: 127,
        boredom: 81,
        neutral: 79,
        happy: 71,
        fear: 69,
        sad: 62,
        disgust: 46,
      });
      expect(project.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      project.close();
    }
  });
});
