import fs from 'node:fs';
import { fakePredictor } from '../../support/fake-predictor.js';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ClipPage,
  CurrentModel,
  PredictionResult,
  ProjectInfo,
  RunSummary,
} from '../../../src/common/contract.js';
import { openProject, type Project } from '../../../src/core/dataset/node/project.js';
import type { RunStatus } from '../../../src/core/dataset/types.js';
import { latestModelDir } from '../../../src/core/model/evaluation/node/current-model.js';
import { createStudioService, type StudioService } from '../../../src/core/studio/service.js';
import { makeEmoDbLikeFolder, tempDir, toneWav } from './fixtures.js';

/** Held-out scores as a finished run records them: 2 classes; `sadPredicted: false` never predicts sad. */
function metrics(macroF1: number, sadPredicted = true): Record<string, unknown> {
  const confusion = sadPredicted
    ? [
        [8, 2],
        [2, 8],
      ]
    : [
        [10, 0],
        [10, 0],
      ];
  return {
    accuracy: 0.8,
    macro_f1: macroF1,
    uar: 0.8,
    labels: ['happy', 'sad'],
    per_class: {
      happy: { precision: 0.8, recall: 0.8, f1: 0.8, support: 10 },
      sad: { precision: 0.8, recall: 0.8, f1: 0.8, support: 10 },
    },
    confusion,
    confusion_normalised: confusion.map((r) => r.map((n) => n / 10)),
    per_speaker: {},
    clips: 20,
    speakers: 2,
  };
}

describe('the model in use', () => {
  let dir: string;
  let project: Project;
  let service: StudioService;
  const loaded: string[] = [];

  beforeEach(() => {
    loaded.length = 0;
    dir = tempDir('latest-model');
    project = openProject(path.join(dir, 'p'), { create: true });
    service = createStudioService({
      projectDir: path.join(dir, 'p'),
      mode: 'web',
      log: () => {},
      predictorLoader: async (modelDir) => {
        loaded.push(path.basename(modelDir));
        return fakePredictor(['happy', 'sad'], () => ({
          label: 'happy',
          confidence: 1,
          probs: { happy: 1, sad: 0 },
          windows: 1,
        }));
      },
    });
  });
  afterEach(async () => {
    await service.close();
    project.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A training run as the engine leaves it: a saved model folder or none, held-out scores or none. */
  const run = (
    status: RunStatus,
    withModel: boolean,
    scores: Record<string, unknown> | null = null,
  ): number => {
    const id = project.runs.create({
      kind: 'train',
      labels: ['happy', 'sad'],
      config: { recipe: 'classic' },
      split: 'loso',
    });
    const modelDir = path.join(dir, 'p', 'models', `run-${id}`);
    if (withModel) {
      fs.mkdirSync(modelDir, { recursive: true });
      fs.writeFileSync(path.join(modelDir, 'model.json'), '{}');
    }
    project.runs.update(id, { status, modelDir, metrics: scores });
    return id;
  };
  const current = async (): Promise<CurrentModel | null> =>
    ((await service.handle('project.info', {})) as ProjectInfo).currentModel;
  const predict = async (runId?: number): Promise<PredictionResult> =>
    (await service.handle('predict.audio', {
      name: 'tone.wav',
      data: toneWav(440, 1),
      ...(runId === undefined ? {} : { runId }),
    })) as PredictionResult;

  it('is the newest evaluated run: a cancelled run that kept a partial model never becomes current', async () => {
    expect(await current()).toBeNull();
    await expect(predict()).rejects.toThrow(/no evaluated model/);
    const done = run('done', true, metrics(0.8));
    expect((await current())?.runId).toBe(done);
    const cancelled = run('cancelled', true, metrics(0.9));
    expect((await current())?.runId).toBe(done);
    const result = await predict();
    expect(result.runId).toBe(done);
    expect(loaded).toEqual([`run-${done}`]);
    // ser predict / ser evaluate take the same model
    expect(latestModelDir(project)).toBe(path.join(dir, 'p', 'models', `run-${done}`));
    // the cancelled model is used only when asked for by id
    expect((await predict(cancelled)).runId).toBe(cancelled);
    const runs = (await service.handle('runs.list', {})) as RunSummary[];
    expect(runs.find((r) => r.id === done)?.evaluated).toBe(true);
    expect(runs.find((r) => r.id === cancelled)?.evaluated).toBe(false);
  });

  it('passes over runs that failed, are still running, or finished without scores or a model', async () => {
    const done = run('done', true, metrics(0.8));
    run('cancelled', false, null);
    run('failed', true, metrics(0.9));
    run('running', true, null);
    run('done', true, null);
    run('done', false, metrics(0.9));
    expect((await current())?.runId).toBe(done);
  });

  it('names the run with its held-out macro F1, recipe and date, and what makes it weak', async () => {
    const id = run('done', true, metrics(0.333, false));
    const model = await current();
    expect(model).toMatchObject({
      runId: id,
      chosen: false,
      macroF1: 0.333,
      recipe: 'classic',
      split: 'loso',
    });
    expect(model?.createdAt).toMatch(/^\d{4}-/);
    expect(model?.warnings.join(' ')).toMatch(/never predicted "sad"/);
    expect(model?.warnings.join(' ')).toMatch(/near chance/);
  });

  it('is the user’s choice when there is one, stored with the project, until they go back to the newest', async () => {
    const older = run('done', true, metrics(0.9));
    const newer = run('done', true, metrics(0.7));
    expect((await current())?.runId).toBe(newer);
    const chosen = (await service.handle('model.choose', { runId: older })) as CurrentModel;
    expect(chosen).toMatchObject({ runId: older, chosen: true });
    expect((await current())?.runId).toBe(older);
    expect((await predict()).runId).toBe(older);
    // a project opened again (the CLI) sees the same choice
    const again = openProject(path.join(dir, 'p'));
    try {
      expect(latestModelDir(again)).toBe(path.join(dir, 'p', 'models', `run-${older}`));
    } finally {
      again.close();
    }
    // a newer evaluated run does not override an explicit choice
    run('done', true, metrics(0.95));
    expect((await current())?.runId).toBe(older);
    await service.handle('model.choose', { runId: null });
    expect((await current())?.chosen).toBe(false);
    expect((await current())?.runId).toBeGreaterThan(newer);
  });

  it('refuses to choose a run that is not an evaluated model', async () => {
    const cancelled = run('cancelled', true, metrics(0.9));
    await expect(service.handle('model.choose', { runId: cancelled })).rejects.toThrow(
      /cannot be the model in use/,
    );
    await expect(service.handle('model.choose', { runId: 99 })).rejects.toThrow(/no run with id 99/);
  });

  it('falls back to the newest evaluated run when the chosen run or its model folder is gone', async () => {
    const older = run('done', true, metrics(0.9));
    const middle = run('done', true, metrics(0.8));
    const newer = run('done', true, metrics(0.7));
    await service.handle('model.choose', { runId: older });
    fs.rmSync(path.join(dir, 'p', 'models', `run-${older}`), { recursive: true });
    expect(await current()).toMatchObject({ runId: newer, chosen: false });
    await service.handle('model.choose', { runId: middle });
    expect((await current())?.runId).toBe(middle);
    project.runs.delete(middle);
    expect(await current()).toMatchObject({ runId: newer, chosen: false });
    expect((await predict()).runId).toBe(newer);
  });

  it('gives the clip table the held-out predictions of the model in use', async () => {
    const source = path.join(dir, 'corpus');
    makeEmoDbLikeFolder(source, 1);
    const imported = new Promise<void>((resolve) => service.on('import.done', () => resolve()));
    await service.handle('import.start', { source });
    await imported;
    const clips = ((await service.handle('clips.list', { limit: 100 })) as ClipPage).rows;
    /** A run whose model predicted every clip as `predicted`. */
    const scored = (status: RunStatus, predicted: string): number => {
      const id = run(status, true, metrics(0.8));
      project.runs.addPredictions(
        id,
        clips.map((c) => ({ clipId: c.id, label: c.label ?? '', predicted, confidence: 0.9, probs: {} })),
      );
      return id;
    };
    const predictedOf = async (): Promise<Array<string | null>> => [
      ...new Set(
        ((await service.handle('clips.list', { limit: 100 })) as ClipPage).rows.map((r) => r.predicted),
      ),
    ];
    const older = scored('done', 'happy');
    scored('done', 'sad');
    scored('cancelled', 'neutral');
    expect(await predictedOf()).toEqual(['sad']);
    await service.handle('model.choose', { runId: older });
    expect(await predictedOf()).toEqual(['happy']);
  });
});
