import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../../src/common/contract.js';
import type { ClipPage, ProjectInfo, StudioEvents, TrainEstimate } from '../../../src/common/contract.js';
import { TypedEmitter } from '../../../src/core/util/emitter.js';
import { httpStatusOf, StudioError, toPublicError } from '../../../src/core/studio/errors.js';
import { createStudioService, type StudioService } from '../../../src/core/studio/service.js';
import { makeEmoDbLikeFolder, tempDir } from './fixtures.js';

describe('typed emitter', () => {
  it('unsubscribes with the function on() returns and survives a throwing handler', () => {
    const errors: unknown[] = [];
    const e = new TypedEmitter<{ a: number; b: string }>((err) => errors.push(err));
    const got: number[] = [];
    const off = e.on('a', (n) => got.push(n));
    e.on('a', () => {
      throw new Error('boom');
    });
    const any: string[] = [];
    e.onAny((name) => any.push(name));
    e.emit('a', 1);
    off();
    e.emit('a', 2);
    e.emit('b', 'x');
    expect(got).toEqual([1]);
    expect(any).toEqual(['a', 'a', 'b']);
    expect(errors).toHaveLength(2);
  });
});

describe('error mapping', () => {
  it('maps input errors to 400, missing things to 404, the rest to 500', () => {
    expect(toPublicError(new ContractError('invalid x'))).toEqual({
      code: 'bad-request',
      message: 'invalid x',
    });
    const audio = Object.assign(new Error('not audio: "a.wav" is text'), { name: 'AudioError' });
    expect(httpStatusOf(toPublicError(audio).code)).toBe(400);
    expect(httpStatusOf(toPublicError(new StudioError('conflict', 'busy')).code)).toBe(409);
    expect(httpStatusOf(toPublicError(Object.assign(new Error('gone'), { code: 'ENOENT' })).code)).toBe(404);
    expect(toPublicError(new TypeError('x is undefined'))).toEqual({
      code: 'internal',
      message: 'x is undefined',
    });
    expect(toPublicError('weird')).toEqual({ code: 'internal', message: 'weird' });
  });
});

describe('studio service', () => {
  let dir: string;
  let service: StudioService;
  beforeEach(() => {
    dir = tempDir('service');
    service = createStudioService({ projectDir: path.join(dir, 'p'), mode: 'electron', log: () => {} });
  });
  afterEach(async () => {
    await service.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const importCorpus = async (perCell = 1): Promise<void> => {
    const source = path.join(dir, `corpus-${perCell}`);
    makeEmoDbLikeFolder(source, perCell);
    const done = new Promise<void>((resolve) => service.on('import.done', () => resolve()));
    await service.handle('import.start', { source });
    await done;
  };

  it('creates the project on first use', async () => {
    const info = (await service.handle('project.info', {})) as ProjectInfo;
    expect(info).toMatchObject({ mode: 'electron', name: 'p', labels: ['happy', 'sad', 'neutral'] });
    expect(info.canonicalLabels).toContain('surprise');
    expect(fs.existsSync(path.join(dir, 'p', 'project.sqlite'))).toBe(true);
  });

  it('validates every request and names unknown ones', async () => {
    await expect(service.handle('nope.nothing', {})).rejects.toMatchObject({ code: 'not-found' });
    await expect(service.handle('clips.list', { limit: 0 })).rejects.toBeInstanceOf(ContractError);
    await expect(service.handle('labels.set', { labels: ['happy'] })).rejects.toThrow(/labels/);
  });

  it('relabels one clip as a user action and several as one bulk action, both undoable', async () => {
    await importCorpus();
    const changes: Array<StudioEvents['dataset.changed']> = [];
    service.on('dataset.changed', (e) => changes.push(e));
    const page = (await service.handle('clips.list', { filter: { label: 'happy' } })) as ClipPage;
    const ids = page.rows.map((r) => r.id);
    expect(ids).toHaveLength(3);
    expect(await service.handle('clips.relabel', { ids: [ids[0]], label: 'sad' })).toEqual({ changed: 1 });
    expect(await service.handle('clips.relabel', { ids, label: 'neutral' })).toEqual({ changed: 3 });
    // Relabelling to the same label changes nothing and says so.
    expect(await service.handle('clips.relabel', { ids, label: 'neutral' })).toEqual({ changed: 0 });
    const undoBulk = (await service.handle('labels.undo', {})) as {
      changed: Array<{ clipId: number; label: string }>;
    };
    expect(undoBulk.changed.map((c) => c.label).sort()).toEqual(['happy', 'happy', 'sad']);
    const undoOne = (await service.handle('labels.undo', {})) as {
      changed: Array<{ clipId: number; label: string }>;
    };
    expect(undoOne.changed).toEqual([{ clipId: ids[0], label: 'happy' }]);
    expect(await service.handle('labels.undo', {})).toEqual({ changed: [] });
    expect(changes.map((c) => c.reason)).toEqual(['relabel', 'relabel', 'undo', 'undo']);
  });

  it('estimates a training before it starts, from the project’s clips and its last pace', async () => {
    await importCorpus(2);
    // Three speakers, six clips each: three folds of 12 training clips and a final model on 18.
    const first = (await service.handle('train.estimate', { epochs: 4, split: 'loso' })) as TrainEstimate;
    expect(first).toMatchObject({
      split: 'loso',
      trainings: 4,
      innerTrainings: 0,
      clipEpochs: 4 * (3 * 12 + 18),
    });
    expect(first.pace).toBe('typical');
    const auto = (await service.handle('train.estimate', {
      epochs: 4,
      recipe: 'auto',
      jobs: 1,
    })) as TrainEstimate;
    // Each fold keeps two training speakers: too few for an inner split, so 'auto' adds nothing.
    expect(auto.innerTrainings).toBe(0);
    expect(auto.jobs).toBe(1);
    await service.handle('labels.set', { labels: ['happy', 'angry'] });
    await expect(service.handle('train.estimate', {})).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/at least two labels/),
    });
  });

  it('filters unlabelled clips, searches names and selects by ids', async () => {
    await importCorpus();
    const all = (await service.handle('clips.list', {})) as ClipPage;
    await service.handle('clips.relabel', { ids: [all.rows[0].id], label: null });
    const unlabelled = (await service.handle('clips.list', { filter: { unlabelled: true } })) as ClipPage;
    expect(unlabelled.rows.map((r) => r.id)).toEqual([all.rows[0].id]);
    const search = (await service.handle('clips.list', { filter: { search: '09a01T' } })) as ClipPage;
    expect(search.rows.map((r) => r.name)).toEqual(['09a01Ta.wav']);
    const some = (await service.handle('clips.list', {
      filter: { ids: [all.rows[1].id, all.rows[2].id] },
    })) as ClipPage;
    expect(some.total).toBe(2);
    const none = (await service.handle('clips.list', { filter: { disagrees: true } })) as ClipPage;
    expect(none.total).toBe(0);
  });

  it("keeps to the project's label set and to accepted clips when asked (Review's default scope)", async () => {
    const source = path.join(dir, 'scoped');
    makeEmoDbLikeFolder(source, 1);
    fs.writeFileSync(path.join(source, 'empty.wav'), '');
    const done = new Promise<void>((resolve) => service.on('import.done', () => resolve()));
    await service.handle('import.start', { source });
    await done;
    // 9 clips (3 happy, 3 sad, 3 neutral) and one rejected file
    await service.handle('labels.set', { labels: ['happy', 'neutral'] });
    const all = (await service.handle('clips.list', {})) as ClipPage;
    expect(all.total).toBe(10);
    const firstHappy = all.rows.find((r) => r.label === 'happy')!;
    await service.handle('clips.relabel', { ids: [firstHappy.id], label: null });
    const scope = { inLabelSet: true, status: 'ok' } as const;
    const inSet = (await service.handle('clips.list', { filter: scope })) as ClipPage;
    // 2 happy + 3 neutral + the one now unlabelled; no sad clip, no rejected file
    expect(inSet.total).toBe(6);
    expect(new Set(inSet.rows.map((r) => r.label))).toEqual(new Set(['happy', 'neutral', null]));
    expect(inSet.rows.every((r) => r.status === 'ok')).toBe(true);
    const outside = (await service.handle('clips.list', { filter: { inLabelSet: false } })) as ClipPage;
    expect(outside.rows.map((r) => r.label)).toEqual(['sad', 'sad', 'sad']);
    // the scope follows the label set as it changes
    await service.handle('labels.set', { labels: ['happy', 'sad', 'neutral'] });
    expect(((await service.handle('clips.list', { filter: scope })) as ClipPage).total).toBe(9);
    const rejected = (await service.handle('clips.list', {
      filter: { inLabelSet: true, status: 'rejected' },
    })) as ClipPage;
    expect(rejected.rows.map((r) => r.name)).toEqual(['empty.wav']);
  });

  it('saves uploads under the project, never outside it', () => {
    const t = service.reserveUpload('../../evil.wav');
    expect(t.path.startsWith(path.join(dir, 'p', 'uploads') + path.sep)).toBe(true);
    expect(path.basename(t.path)).toBe('evil.wav');
    expect(() => service.reserveUpload('a.wav', '../x')).toThrow(/batch/);
  });

  it('stops a running import when it closes, leaving a consistent project', async () => {
    const source = path.join(dir, 'big');
    makeEmoDbLikeFolder(source, 8);
    const ended: string[] = [];
    service.on('import.done', (e) => ended.push(`done ${e.summary.added}`));
    service.on('import.error', (e) => ended.push(`error ${e.message}`));
    await service.handle('import.start', { source });
    await service.close();
    expect(ended).toHaveLength(1);
    const reopened = createStudioService({ projectDir: path.join(dir, 'p'), mode: 'web', log: () => {} });
    try {
      const info = (await reopened.handle('project.info', {})) as ProjectInfo;
      expect(info.stats.clips).toBeLessThanOrEqual(72);
      const page = (await reopened.handle('clips.list', { limit: 100 })) as ClipPage;
      expect(page.rows.every((r) => r.status === 'ok' && r.durationS > 0)).toBe(true);
    } finally {
      await reopened.close();
    }
  });

  it('refuses requests once closed', async () => {
    await service.close();
    await expect(service.handle('project.info', {})).rejects.toMatchObject({ code: 'unavailable' });
  });
});
