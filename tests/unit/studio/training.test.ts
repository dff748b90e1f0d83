import fs from 'node:fs';
import { threadId } from 'node:worker_threads';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunDetail, StudioEvents } from '../../../src/common/contract.js';
import { createNodeTrainingHost } from '../../../src/core/studio/node-training-host.js';
import { createStudioService, type StudioService } from '../../../src/core/studio/service.js';
import { tempDir } from './fixtures.js';

const fakeRunner = new URL('./fake-runner.ts', import.meta.url);

function waitFor<E extends keyof StudioEvents>(service: StudioService, event: E): Promise<StudioEvents[E]> {
  return new Promise((resolve) => {
    const off = service.on(event, (p) => {
      off();
      resolve(p);
    });
  });
}

describe('training through a TrainingHost (worker thread)', () => {
  let dir: string;
  let service: StudioService;
  const logs: string[] = [];
  beforeEach(() => {
    dir = tempDir('train');
    logs.length = 0;
    service = createStudioService({
      projectDir: path.join(dir, 'p'),
      mode: 'web',
      trainingHost: createNodeTrainingHost({ runner: fakeRunner }),
      log: (m) => logs.push(m),
    });
  });
  afterEach(async () => {
    await service.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('returns the run id, streams progress and epochs, and ends with done', async () => {
    const epochs: Array<StudioEvents['train.epoch']> = [];
    service.on('train.epoch', (e) => epochs.push(e));
    const done = waitFor(service, 'train.done');
    const { runId } = (await service.handle('train.start', { epochs: 3 })) as { runId: number };
    expect(runId).toBeGreaterThan(0);
    expect(await done).toEqual({ runId, status: 'done', metrics: null, error: null });
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(epochs.every((e) => e.runId === runId)).toBe(true);
    const detail = (await service.handle('runs.get', { id: runId })) as RunDetail;
    expect(detail.status).toBe('done');
    expect(detail.epochs).toHaveLength(3);
    expect(detail.hasModel).toBe(false);
  });

  it('does not run on the thread that serves requests', async () => {
    const progress = waitFor(service, 'train.progress');
    const done = waitFor(service, 'train.done');
    await service.handle('train.start', { epochs: 1, seed: -3 });
    // The job now blocks its own thread for 500 ms; this thread still answers at once.
    const t0 = Date.now();
    await service.handle('project.info', {});
    expect(Date.now() - t0).toBeLessThan(200);
    expect((await progress).backend).not.toBe(`fake thread ${threadId}`);
    expect((await progress).backend).toMatch(/^fake thread \d+$/);
    await done;
  });

  it('allows one training at a time', async () => {
    const done = waitFor(service, 'train.done');
    const { runId } = (await service.handle('train.start', { epochs: 500 })) as { runId: number };
    await expect(service.handle('train.start', { epochs: 1 })).rejects.toMatchObject({ code: 'conflict' });
    expect(await service.handle('train.cancel', { runId: runId + 1 })).toEqual({ cancelled: false });
    expect(await service.handle('train.cancel', { runId })).toEqual({ cancelled: true });
    expect((await done).status).toBe('cancelled');
    // The slot frees once the thread is gone.
    await new Promise((r) => setTimeout(r, 200));
    const second = waitFor(service, 'train.done');
    await service.handle('train.start', { epochs: 1 });
    expect((await second).status).toBe('done');
  });

  it('reports a refusal to start as a clear error', async () => {
    await expect(service.handle('train.start', { seed: -1 })).rejects.toMatchObject({
      code: 'bad-request',
      message: 'training did not start: need at least two labelled classes',
    });
  });

  it('marks the run failed when the training thread crashes', async () => {
    const done = waitFor(service, 'train.done');
    const { runId } = (await service.handle('train.start', { seed: -2 })) as { runId: number };
    const result = await done;
    expect(result).toMatchObject({ runId, status: 'failed' });
    expect(result.error).toMatch(/exited with code 3/);
    const detail = (await service.handle('runs.get', { id: runId })) as RunDetail;
    expect(detail.status).toBe('failed');
  });

  it('cancels a running training when the service closes', async () => {
    const { runId } = (await service.handle('train.start', { epochs: 500 })) as { runId: number };
    const done = waitFor(service, 'train.done');
    await service.close();
    expect((await done).status).toBe('cancelled');
    // Reopen the project to check what the database kept.
    service = createStudioService({ projectDir: path.join(dir, 'p'), mode: 'web', log: () => {} });
    expect(((await service.handle('runs.get', { id: runId })) as RunDetail).status).toBe('cancelled');
  });
});
