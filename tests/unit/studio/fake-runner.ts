/**
 * A stand-in for the learning engine behind a TrainingHost, steered by the request: it creates a real run
 * in the project's database and reports progress like the engine does.
 *   epochs 1..10: trains that many epochs and finishes 'done'
 *   epochs 500:   runs until cancelled, then finishes 'cancelled'
 *   seed -1:      refuses to start ('failed')
 *   seed -2:      the thread dies after 'started' (a crash)
 *   seed -3:      blocks its thread for half a second after 'started' (a CPU-bound step)
 * The backend name carries the thread id, so a test can see where the job ran.
 */
import { threadId } from 'node:worker_threads';
import { openProject } from '../../../src/core/dataset/node/project.js';
import type { TrainingRunner } from '../../../src/core/studio/training-runner.js';

export const runTrainingJob: TrainingRunner = async (spec, post, signal) => {
  if (spec.request.seed === -1) {
    post({ type: 'failed', message: 'need at least two labelled classes' });
    return;
  }
  const project = openProject(spec.projectDir);
  try {
    const labels = spec.request.labels ?? ['happy', 'sad', 'neutral'];
    const runId = project.runs.create({
      kind: 'train',
      labels,
      config: spec.request,
      split: 'speaker',
      backend: 'fake',
    });
    post({ type: 'started', runId, backend: `fake thread ${threadId}` });
    if (spec.request.seed === -2) process.exit(3);
    if (spec.request.seed === -3) {
      const until = Date.now() + 500;
      while (Date.now() < until) {
        // busy
      }
    }
    const epochs = spec.request.epochs ?? 2;
    for (let epoch = 1; epoch <= epochs; epoch++) {
      if (signal.aborted) break;
      await new Promise((r) => setTimeout(r, 20));
      const record = {
        fold: 0,
        epoch,
        loss: 1 / epoch,
        accuracy: 0.5,
        valLoss: null,
        valAccuracy: null,
        valMacroF1: null,
        lr: 0.001,
        clipsPerS: 100,
      };
      project.runs.addEpoch(runId, { runId, ...record });
      post({
        type: 'progress',
        progress: {
          runId,
          phase: 'training',
          fold: 0,
          folds: 1,
          epoch,
          epochs,
          batch: 1,
          batches: 1,
          loss: record.loss,
          accuracy: 0.5,
          valLoss: null,
          valAccuracy: null,
          valMacroF1: null,
          lr: 0.001,
          clipsPerS: 100,
          etaS: 0,
          backend: `fake thread ${threadId}`,
        },
      });
      post({ type: 'epoch', runId, record });
    }
    const status = signal.aborted ? 'cancelled' : 'done';
    project.runs.update(runId, { status });
    post({ type: 'done', runId, status, metrics: null, error: null });
  } finally {
    project.close();
  }
};
