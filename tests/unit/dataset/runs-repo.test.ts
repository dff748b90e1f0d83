import { describe, expect, it } from 'vitest';
import { cleanupAfterEach, fakeClip, newProject, NOW } from './helpers.js';

cleanupAfterEach();

describe('runs repository', () => {
  it('records a run, its epochs and predictions, and reads them back', () => {
    const p = newProject();
    const c1 = p.clips.insert(fakeClip({ label: 'happy' }), NOW);
    const c2 = p.clips.insert(fakeClip({ label: 'sad' }), NOW);
    const id = p.runs.create({
      kind: 'train',
      labels: ['happy', 'sad'],
      config: { epochs: 3, lr: 0.001 },
      split: 'loso',
      backend: 'wasm',
      datasetFingerprint: p.datasetFingerprint(['happy', 'sad']),
    });
    expect(p.runs.get(id)).toMatchObject({
      id,
      status: 'running',
      kind: 'train',
      labels: ['happy', 'sad'],
      config: { epochs: 3, lr: 0.001 },
      finishedAt: null,
      metrics: null,
    });

    p.runs.addEpoch(id, {
      runId: id,
      epoch: 1,
      loss: 1.2,
      accuracy: 0.5,
      valLoss: 1.1,
      valAccuracy: 0.55,
      valMacroF1: 0.5,
      lr: 0.001,
      clipsPerS: 40,
    });
    p.runs.addEpoch(id, {
      runId: id,
      fold: 1,
      epoch: 1,
      loss: 1,
      accuracy: 0.6,
      valLoss: null,
      valAccuracy: null,
      valMacroF1: null,
      lr: 0.001,
      clipsPerS: 41,
    });
    p.runs.addEpoch(id, {
      runId: id,
      epoch: 2,
      loss: 0.9,
      accuracy: 0.7,
      valLoss: 1,
      valAccuracy: 0.6,
      valMacroF1: 0.58,
      lr: 0.0005,
      clipsPerS: 42,
    });
    expect(p.runs.epochs(id).map((e) => [e.fold, e.epoch, e.loss])).toEqual([
      [0, 1, 1.2],
      [0, 2, 0.9],
      [1, 1, 1],
    ]);
    expect(p.runs.epochs(id, 1)).toHaveLength(1);

    p.runs.addPredictions(id, [
      { clipId: c1, label: 'happy', predicted: 'happy', confidence: 0.9, probs: { happy: 0.9, sad: 0.1 } },
      {
        clipId: c2,
        fold: 1,
        label: 'sad',
        predicted: 'happy',
        confidence: 0.6,
        probs: { happy: 0.6, sad: 0.4 },
        known: { predicted: 'sad', confidence: 0.7, probs: { happy: 0.3, sad: 0.7 } },
      },
    ]);
    expect(p.runs.predictions(id)).toEqual([
      {
        runId: id,
        clipId: c1,
        fold: 0,
        label: 'happy',
        predicted: 'happy',
        confidence: 0.9,
        probs: { happy: 0.9, sad: 0.1 },
        known: null,
      },
      {
        runId: id,
        clipId: c2,
        fold: 1,
        label: 'sad',
        predicted: 'happy',
        confidence: 0.6,
        probs: { happy: 0.6, sad: 0.4 },
        known: { predicted: 'sad', confidence: 0.7, probs: { happy: 0.3, sad: 0.7 } },
      },
    ]);

    p.runs.update(id, { status: 'done', metrics: { macroF1: 0.8 }, modelDir: '/m' });
    const done = p.runs.get(id)!;
    expect(done).toMatchObject({ status: 'done', metrics: { macroF1: 0.8 }, modelDir: '/m' });
    expect(done.finishedAt).not.toBeNull();

    const ev = p.runs.create({ kind: 'evaluate', labels: ['happy', 'sad'], config: {} });
    expect(p.runs.list().map((r) => r.id)).toEqual([ev, id]);
    expect(p.runs.list({ kind: 'train' }).map((r) => r.id)).toEqual([id]);
    expect(() => p.runs.update(9999, { status: 'failed' })).toThrow(/no run/);

    p.runs.delete(id);
    expect(p.runs.get(id)).toBeUndefined();
    expect(p.runs.epochs(id)).toEqual([]);
    expect(p.runs.predictions(id)).toEqual([]);
  });

  it('refuses predictions for clips that do not exist', () => {
    const p = newProject();
    const id = p.runs.create({ kind: 'evaluate', labels: ['happy', 'sad'], config: {} });
    expect(() =>
      p.runs.addPredictions(id, [
        { clipId: 424242, label: null, predicted: 'sad', confidence: 1, probs: { sad: 1 } },
      ]),
    ).toThrow(/FOREIGN KEY/);
  });
});
