import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openProject } from '../../../src/core/dataset/node/project.js';
import { runFoldSpread } from '../../../src/core/studio/run-views.js';
import { fakeClip } from '../dataset/helpers.js';
import { tempDir } from './fixtures.js';

describe("a run's spread over its folds (Evaluate's mean ± SD)", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('scores each fold on its own held-out clips and gives the mean and sample SD, as the report does', () => {
    dir = tempDir('fold-spread');
    const project = openProject(path.join(dir, 'p'), { create: true });
    try {
      const now = new Date().toISOString();
      const labels = ['happy', 'sad'];
      // three folds of four clips: fold 0 all right, fold 1 half right, fold 2 all wrong
      const right = [4, 2, 0];
      const predictions = [0, 1, 2].flatMap((fold) =>
        [0, 1, 2, 3].map((k) => {
          const label = labels[k % 2];
          const clipId = project.clips.insert(fakeClip({ speaker: `s${fold}`, label }), now);
          const predicted = k < right[fold] ? label : labels[(k + 1) % 2];
          return { clipId, fold, label, predicted, confidence: 0.9, probs: { [label]: 0.9 } };
        }),
      );
      const id = project.runs.create({ kind: 'train', labels, config: {}, split: 'loso' });
      project.runs.addPredictions(id, predictions);
      project.runs.update(id, {
        status: 'done',
        metrics: { accuracy: 0.5, macro_f1: 0.5, uar: 0.5, labels },
      });
      const spread = runFoldSpread(project, project.runs.get(id)!);
      expect(spread?.folds).toBe(3);
      // accuracies 1, 0.5, 0: mean 0.5, sample SD 0.5
      expect(spread!.accuracy.mean).toBeCloseTo(0.5, 12);
      expect(spread!.accuracy.sd).toBeCloseTo(0.5, 12);
      expect(spread!.uar.mean).toBeCloseTo(0.5, 12);
      // a run scored in one fold has no spread to show
      const one = project.runs.create({ kind: 'train', labels, config: {}, split: 'speaker' });
      project.runs.addPredictions(
        one,
        predictions.filter((p) => p.fold === 0),
      );
      project.runs.update(one, { status: 'done', metrics: { accuracy: 1, macro_f1: 1, uar: 1, labels } });
      expect(runFoldSpread(project, project.runs.get(one)!)).toBeNull();
    } finally {
      project.close();
    }
  });
});
