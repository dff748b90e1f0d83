/**
 * The training job on the far side of a TrainingHost: runs the learning engine's trainProject on the
 * project and turns its events into TrainingMessages. Runs in a worker_thread (web mode) or an Electron
 * utilityProcess, never on the thread that serves the UI.
 */
import type { RunMetrics, TrainProgress } from '../../common/contract.js';
import type { TrainConfig } from '../model/config.js';
import { TrainEmitter } from '../model/train-events.js';
import { comparisonOf } from '../model/recipe/comparison.js';
import { trainProject } from '../model/train-project.js';
import type { TrainingJobSpec } from './training-host.js';
import type { TrainingRunner } from './training-runner.js';

function configOf(request: TrainingJobSpec['request']): Partial<TrainConfig> {
  const c: Partial<TrainConfig> = {};
  if (request.labels) c.labels = [...request.labels];
  if (request.split) c.split = request.split as TrainConfig['split'];
  if (request.epochs !== undefined) c.epochs = request.epochs;
  if (request.batchSize !== undefined) c.batchSize = request.batchSize;
  if (request.learningRate !== undefined) c.learningRate = request.learningRate;
  if (request.augment) c.augment = [...request.augment];
  if (request.head) c.head = request.head;
  if (request.size) c.size = request.size;
  if (request.seed !== undefined) c.seed = request.seed;
  if (request.foldValidation !== undefined) c.foldValidation = request.foldValidation;
  if (request.statsRateScale !== undefined) c.statsRateScale = request.statsRateScale;
  if (request.members !== undefined) c.members = request.members;
  if (request.recipe) c.recipe = request.recipe;
  if (request.speakerNorm !== undefined) c.speakerNorm = request.speakerNorm;
  return c;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

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
      config: configOf(spec.request),
      backend: spec.request.backend ?? 'auto',
      jobs: spec.request.jobs,
      events,
      signal,
    });
    if (runId === null) post({ type: 'started', runId: result.runId, backend: result.backend.detail });
    const m = result.recipe.metrics;
    const metrics: RunMetrics | null = m ? { ...m, comparison: comparisonOf(result.recipe) } : null;
    post({ type: 'done', runId: result.runId, status: result.status, metrics, error: null });
  } catch (err) {
    // Before a run exists this is a refusal (too few classes, one speaker ...); after, the run failed.
    if (runId === null) post({ type: 'failed', message: message(err) });
    else post({ type: 'done', runId, status: 'failed', metrics: null, error: message(err) });
  }
};
