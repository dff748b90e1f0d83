import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PredictionResult, ProjectInfo } from '../../../src/common/contract.js';
import { openProject, type Project } from '../../../src/core/dataset/node/project.js';
import type { RunStatus } from '../../../src/core/dataset/types.js';
import { createStudioService, type StudioService } from '../../../src/core/studio/service.js';
import { tempDir, toneWav } from './fixtures.js';

describe('the model the studio predicts with', () => {
  let dir: string;
  let project: Project;
  let service: StudioService;
  const loaded: string[] = [];

  beforeEach(() => {
    dir = tempDir('latest-model');
    project = openProject(path.join(dir, 'p'), { create: true });
    service = createStudioService({
      projectDir: path.join(dir, 'p'),
      mode: 'web',
      log: () => {},
      predictorLoader: async (modelDir) => {
        loaded.push(path.basename(modelDir));
        return {
          labels: ['happy', 'sad'],
          predict: async () => ({ label: 'happy', confidence: 1, probs: { happy: 1, sad: 0 }, windows: 1 }),
          dispose: () => {},
        };
      },
    });
  });
  afterEach(async () => {
    await service.close();
    project.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A training run as the engine leaves it, with a saved model folder or without one. */
  const run = (status: RunStatus, withModel: boolean): number => {
    const id = project.runs.create({ kind: 'train', labels: ['happy', 'sad'], config: {}, split: 'speaker' });
    const modelDir = path.join(dir, 'p', 'models', `run-${id}`);
    if (withModel) {
      fs.mkdirSync(modelDir, { recursive: true });
      fs.writeFileSync(path.join(modelDir, 'model.json'), '{}');
    }
    project.runs.update(id, { status, modelDir });
    return id;
  };
  const latest = async (): Promise<number | null> =>
    ((await service.handle('project.info', {})) as ProjectInfo).latestModelRunId;

  it('is the newest finished run’s, or a cancelled run’s that kept its best model', async () => {
    expect(await latest()).toBeNull();
    const done = run('done', true);
    expect(await latest()).toBe(done);
    const cancelled = run('cancelled', true);
    // "Cancelled. The best model so far was kept.": Predict and the sidebar use it, as `ser predict` does
    expect(await latest()).toBe(cancelled);
    const result = (await service.handle('predict.audio', {
      name: 'tone.wav',
      data: toneWav(440, 1),
    })) as PredictionResult;
    expect(result.runId).toBe(cancelled);
    expect(loaded).toEqual([`run-${cancelled}`]);
  });

  it('passes over runs that failed, are still running, or were cancelled before saving anything', async () => {
    const done = run('done', true);
    run('cancelled', false);
    run('failed', true);
    run('running', true);
    expect(await latest()).toBe(done);
  });
});
