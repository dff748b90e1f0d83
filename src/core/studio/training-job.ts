/**
 * The training job on the far side of a TrainingHost: runs the learning engine's trainProject on the
 * project and turns its events into TrainingMessages. Runs in a worker_thread (web mode) or an Electron
 * utilityProcess, never on the thread that serves the UI.
 */
import type { TrainProgress } from '../../common/contract.js';
import { trainConfigOf } from '../model/training/train-request.js';
import { TrainEmitter } from '../model/training/train-events.js';
import { trainProject } from '../model/training/node/train-project.js';
import type { TrainingRunner } from './training-runner.js';
import { errorMessage } from '../../common/error-message.js';

export const runTrainingJob: TrainingRunner = async (spec, post, signal) => {
  const events = new TrainEmitter();
  let runId: number | null = null;
  let last: TrainProgress | null = null;
  // trainProject creates the run and then reports its first progress: that is when the UI learns the id.
  events.on('progress', (p) => {
    if (runId === null) {
      runId = p.runId;
      post({ type: 'started', runId, backend: p.backend });
    }
    last = p;
    post({ type: 'progress', progress: p });
  });
  events.on('epoch', (record) => {
    if (runId !== null) post({ type: 'epoch', runId, record });
  });
  events.on('message', (m) => {
    if (last) post({ type: 'progress', progress: { ...last, message: m.text } });
  });
  try {
    const result = await trainProject({
      projectDir: spec.projectDir,
      config: trainConfigOf(spec.request),
      backend: spec.request.backend ?? 'auto',
      jobs: spec.request.jobs,
      events,
      signal,
    });
    if (runId === null) post({ type: 'started', runId: result.runId, backend: result.backend.detail });
    post({ type: 'done', runId: result.runId, status: result.status, metrics: result.metrics, error: null });
  } catch (err) {
    // Before a run exists this is a refusal (too few classes, one speaker ...); after, the run failed.
    if (runId === null) post({ type: 'failed', message: errorMessage(err) });
    else post({ type: 'done', runId, status: 'failed', metrics: null, error: errorMessage(err) });
  }
};
