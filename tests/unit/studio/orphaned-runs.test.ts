import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary, StudioEvents } from '../../../src/common/contract.js';
import { openProject } from '../../../src/core/dataset/node/project.js';
import { currentOwner } from '../../../src/core/dataset/node/run-owner.js';
import { createNodeTrainingHost } from '../../../src/core/studio/node-training-host.js';
import { currentModelRunId } from '../../../src/core/model/evaluation/node/current-model.js';
import { createStudioService, type StudioService } from '../../../src/core/studio/service.js';
import { tempDir } from './fixtures.js';

const fakeRunner = new URL('./fake-runner.ts', import.meta.url);
const child = new URL('./train-child.ts', import.meta.url);

/** Starts a training process of its own on the project; resolves once its run exists. */
async function startTrainingProcess(projectDir: string): Promise<{ proc: ChildProcess; runId: number }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', child.pathname, projectDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const runId = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /started (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.once('exit', (code) => reject(new Error(`the training process exited early (${code})`)));
  });
  return { proc, runId };
}

async function kill9(proc: ChildProcess): Promise<void> {
  const gone = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGKILL');
  await gone;
}

function openService(projectDir: string): StudioService {
  return createStudioService({
    projectDir,
    mode: 'web',
    trainingHost: createNodeTrainingHost({ runner: fakeRunner }),
    log: () => {},
  });
}

const runOf = async (service: StudioService, id: number): Promise<RunSummary | undefined> =>
  ((await service.handle('runs.list', {})) as RunSummary[]).find((r) => r.id === id);

describe('a training process that dies mid-run', () => {
  let dir: string;
  let projectDir: string;
  const procs: ChildProcess[] = [];
  beforeEach(() => {
    dir = tempDir('orphan');
    projectDir = path.join(dir, 'p');
  });
  afterEach(() => {
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('kill -9, reopen, train again: the run is failed with a reason and its partial model unused', async () => {
    const { proc, runId } = await startTrainingProcess(projectDir);
    procs.push(proc);
    await kill9(proc);

    const service = openService(projectDir);
    try {
      const run = await runOf(service, runId);
      expect(run?.status).toBe('failed');
      expect(run?.error).toMatch(/^interrupted: its process \(pid \d+\) ended without finishing it/);
      expect(run?.finishedAt).not.toBeNull();
      const project = openProject(projectDir);
      try {
        expect(project.runs.get(runId)?.modelDir).not.toBeNull();
        expect(currentModelRunId(project)).toBeNull();
      } finally {
        project.close();
      }
      const done = new Promise<StudioEvents['train.done']>((resolve) => service.on('train.done', resolve));
      const { runId: next } = (await service.handle('train.start', { epochs: 1 })) as { runId: number };
      expect(next).toBeGreaterThan(runId);
      expect((await done).status).toBe('done');
    } finally {
      await service.close();
    }
  });

  it('is marked as soon as the studio looks at the runs, and cancelling it succeeds', async () => {
    const service = openService(projectDir);
    try {
      const { proc, runId } = await startTrainingProcess(projectDir);
      procs.push(proc);
      // Alive in another shell: neither marked nor cancellable from here.
      expect((await runOf(service, runId))?.status).toBe('running');
      expect(await service.handle('train.cancel', { runId })).toEqual({ cancelled: false });
      await kill9(proc);
      const done = new Promise<StudioEvents['train.done']>((resolve) => service.on('train.done', resolve));
      expect(await service.handle('train.cancel', { runId })).toEqual({ cancelled: true });
      expect(await done).toMatchObject({ runId, status: 'failed' });
      expect((await runOf(service, runId))?.status).toBe('failed');
      // Asked again, it is still a success: the run is over.
      expect(await service.handle('train.cancel', { runId })).toEqual({ cancelled: true });
    } finally {
      await service.close();
    }
  });

  it('leaves runs of live processes and of other machines alone, and sees through a reused pid', () => {
    const project = openProject(projectDir, { create: true });
    try {
      const me = currentOwner();
      const mine = project.runs.create({ kind: 'train', labels: ['a', 'b'], config: {} });
      const elsewhere = project.runs.create({
        kind: 'train',
        labels: ['a', 'b'],
        config: {},
        owner: { pid: 1, host: `not-${os.hostname()}`, started: 'linux:1' },
      });
      const reused = project.runs.create({
        kind: 'train',
        labels: ['a', 'b'],
        config: {},
        owner: { ...me, started: `${me.started}0` },
      });
      expect(project.runs.failOrphans()).toEqual([reused]);
      expect(project.runs.get(mine)?.status).toBe('running');
      expect(project.runs.get(elsewhere)?.status).toBe('running');
    } finally {
      project.close();
    }
  });
});
