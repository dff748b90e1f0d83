import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectInfo, StudioEvents } from '../../../src/common/contract.js';
import { openProject, type Project } from '../../../src/core/dataset/node/project.js';
import { watchExternalChanges } from '../../../src/core/studio/external-changes.js';
import { createStudioService, type StudioService } from '../../../src/core/studio/service.js';
import { makeEmoDbLikeFolder, tempDir } from './fixtures.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('changes made to the project by another process', () => {
  let dir: string;
  let mine: Project;
  let theirs: Project;
  beforeEach(() => {
    dir = tempDir('external');
    mine = openProject(path.join(dir, 'p'), { create: true });
    theirs = openProject(path.join(dir, 'p'));
  });
  afterEach(() => {
    mine.close();
    theirs.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('are noticed; this connection’s own writes and a training’s epoch rows are not', async () => {
    let calls = 0;
    const watch = watchExternalChanges(mine.db, () => calls++, 20);
    try {
      // the studio's own change, which it announces itself
      mine.settings.setLabelSet(['happy', 'sad', 'neutral', 'angry']);
      watch.resync();
      await sleep(80);
      expect(calls).toBe(0);

      // a training run in its own connection: the run row appears, then one row per epoch
      const run = theirs.db
        .prepare(
          `INSERT INTO runs (created_at, status, kind, labels, config) VALUES (?, 'running', 'train', '[]', '{}')`,
        )
        .run(new Date().toISOString()).lastInsertRowid;
      for (let epoch = 0; epoch < 3; epoch++) {
        theirs.db
          .prepare('INSERT INTO run_epochs (run_id, epoch, loss, at) VALUES (?, ?, 1, ?)')
          .run(run, epoch, new Date().toISOString());
        await sleep(50);
      }
      expect(calls).toBe(0);

      // `ser labels --set` in a terminal
      theirs.settings.setLabelSet(['happy', 'sad']);
      await expect.poll(() => calls, { timeout: 2000, interval: 10 }).toBe(1);
      await sleep(80);
      expect(calls).toBe(1);
    } finally {
      watch.stop();
    }
    theirs.settings.setLabelSet(['happy', 'sad', 'neutral']);
    await sleep(80);
    expect(calls).toBe(1);
  });

  it('reach the studio’s screens as dataset.changed, with what the command changed', async () => {
    mine.close();
    const service: StudioService = createStudioService({
      projectDir: path.join(dir, 'p'),
      mode: 'web',
      log: () => {},
    });
    try {
      const seen: Array<StudioEvents['dataset.changed']> = [];
      service.on('dataset.changed', (e) => seen.push(e));
      const corpus = path.join(dir, 'corpus');
      makeEmoDbLikeFolder(corpus, 1);
      // `ser import`, then `ser labels --set`, from another process while the studio is open
      const { importSource } = await import('../../../src/core/dataset/node/index.js');
      await importSource(theirs, corpus);
      await expect.poll(() => seen.length, { timeout: 3000, interval: 50 }).toBe(1);
      theirs.settings.setLabelSet(['happy', 'sad', 'neutral', 'angry']);
      await expect.poll(() => seen.length, { timeout: 3000, interval: 50 }).toBe(2);
      expect(seen).toEqual([{ reason: 'external' }, { reason: 'external' }]);
      const info = (await service.handle('project.info', {})) as ProjectInfo;
      expect(info.labels).toEqual(['happy', 'sad', 'neutral', 'angry']);
      expect(info.stats.clips).toBe(9);
      // the studio's own relabel is announced once, as a relabel, not again as a change from outside
      const clip = await service.handle('clips.list', { limit: 1 });
      const id = (clip as { rows: Array<{ id: number }> }).rows[0].id;
      await service.handle('clips.relabel', { ids: [id], label: 'angry' });
      // then a training starts in its own connection (the database moves, the dataset does not)
      theirs.db
        .prepare(
          `INSERT INTO runs (created_at, status, kind, labels, config) VALUES (?, 'running', 'train', '[]', '{}')`,
        )
        .run(new Date().toISOString());
      await sleep(1500);
      expect(seen.map((e) => e.reason)).toEqual(['external', 'external', 'relabel']);
    } finally {
      await service.close();
      mine = openProject(path.join(dir, 'p'));
    }
  });
});
