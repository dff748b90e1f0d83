import { randomUUID } from 'node:crypto';
import type { ParsedParams, TrainEstimate } from '../../../common/contract.js';
import { resolveTrainConfig } from '../../model/config.js';
import { estimateTraining, PACE_SETTING, readPace } from '../../model/training/estimate.js';
import { defaultPoolJobs } from '../../model/training/node/pool-jobs.js';
import { recordRunEnd } from '../../model/node/run-record.js';
import { TrainRefusal } from '../../model/training/refusals.js';
import { trainConfigOf } from '../../model/training/train-request.js';
import { isInterrupted } from '../../dataset/node/runs-repo.js';
import { badRequest, StudioError } from '../errors.js';
import type { StudioContext } from '../context.js';
import type { TrainingJob, TrainingMessage } from '../training-host.js';
import type { Handlers } from './types.js';

/** How long closing the app waits for a cancelled run to save its best model before ending the thread. */
const CANCEL_GRACE_MS = 5000;

interface Current {
  runId: number | null;
  job: TrainingJob;
}
const current = new WeakMap<StudioContext, Current>();

/** A training the studio started: what its thread said so far, and whether it is being stopped. */
interface Training {
  runId: number | null;
  /** The run's end was told (train.done) or the start refused: nothing more to tell. */
  final: boolean;
  /** Stopped by the app closing (jobs.stopAll), not by the user's cancel. */
  stopping: boolean;
  job?: TrainingJob;
  /** Settles once the training's thread or process has exited. */
  gone: Promise<void>;
  exited: () => void;
}

interface Settle {
  resolve: (started: { runId: number }) => void;
  reject: (err: unknown) => void;
}

function newTraining(): Training {
  let exited!: () => void;
  const gone = new Promise<void>((resolve) => (exited = resolve));
  return { runId: null, final: false, stopping: false, gone, exited };
}

/** The app is closing: cancel, give the run a moment to save its best model, then end its thread. */
async function stopTraining(training: Training): Promise<void> {
  const job = training.job;
  if (!job) return;
  training.stopping = true;
  job.cancel();
  const timer = new Promise<'timeout'>((resolve) =>
    setTimeout(() => resolve('timeout'), CANCEL_GRACE_MS).unref(),
  );
  if ((await Promise.race([training.gone.then(() => 'exited' as const), timer])) === 'timeout')
    await job.terminate();
}

/** A run whose thread ended without saying so: its status, and the screens told. */
function finishRun(
  ctx: StudioContext,
  training: Training,
  status: 'failed' | 'cancelled',
  error: string,
): void {
  const runId = training.runId as number;
  if (training.final) return;
  training.final = true;
  try {
    recordRunEnd(ctx.project.runs, runId, { status, error });
  } catch (err) {
    ctx.log(`could not mark run ${runId} ${status}: ${String(err)}`);
  }
  ctx.events.emit('train.done', { runId, status, metrics: null, error });
}

function onTrainingMessage(ctx: StudioContext, training: Training, m: TrainingMessage, settle: Settle): void {
  switch (m.type) {
    case 'started':
      training.runId = m.runId;
      current.set(ctx, { runId: m.runId, job: training.job as TrainingJob });
      settle.resolve({ runId: m.runId });
      break;
    case 'progress':
      ctx.events.emit('train.progress', m.progress);
      break;
    case 'epoch':
      ctx.events.emit('train.epoch', { runId: m.runId, ...m.record });
      break;
    case 'done':
      training.final = true;
      ctx.events.emit('train.done', { runId: m.runId, status: m.status, metrics: m.metrics, error: m.error });
      ctx.events.emit('dataset.changed', { reason: 'predictions' });
      break;
    case 'failed':
      training.final = true;
      settle.reject(badRequest(`training did not start: ${m.message}`));
      break;
  }
}

function onTrainingExit(
  ctx: StudioContext,
  training: Training,
  slotId: string,
  crash: string | null,
  settle: Settle,
): void {
  ctx.jobs.release('train', slotId);
  if (current.get(ctx)?.job === training.job) current.delete(ctx);
  if (crash) {
    ctx.log(crash);
    if (training.runId === null) settle.reject(new StudioError('internal', crash));
    else if (training.stopping) finishRun(ctx, training, 'cancelled', 'stopped when the app closed');
    else finishRun(ctx, training, 'failed', crash);
  } else if (training.runId === null && !training.final) {
    settle.reject(new StudioError('internal', 'training ended before it started'));
  }
  training.exited();
}

function startTraining(ctx: StudioContext, request: ParsedParams<'train.start'>): Promise<{ runId: number }> {
  ctx.project.runs.failOrphans();
  const slotId = randomUUID();
  const training = newTraining();
  ctx.jobs.claim('train', slotId, () => stopTraining(training));
  return new Promise((resolve, reject) => {
    const settle = { resolve, reject };
    try {
      training.job = ctx.trainingHost.start(
        { projectDir: ctx.project.dir, request, nativeBinding: ctx.nativeBinding },
        (m) => onTrainingMessage(ctx, training, m, settle),
        (crash) => onTrainingExit(ctx, training, slotId, crash, settle),
      );
    } catch (err) {
      ctx.jobs.release('train', slotId);
      training.exited();
      reject(err);
    }
  });
}

/** What a training with these settings would do, and about how long it would take on this machine. */
function estimate(ctx: StudioContext, request: ParsedParams<'train.estimate'>): TrainEstimate {
  const config = resolveTrainConfig({
    ...trainConfigOf(request),
    labels: request.labels ?? ctx.project.settings.labelSet(),
  });
  try {
    return estimateTraining(
      ctx.project.clips.labelled(config.labels),
      config,
      request.jobs ?? defaultPoolJobs(),
      readPace(ctx.project.settings.get(PACE_SETTING)),
    );
  } catch (err) {
    // The refusal the Train button would meet, said before it is pressed.
    if (err instanceof TrainRefusal) throw badRequest(err.message);
    throw err;
  }
}

export const trainHandlers: Pick<Handlers, 'train.start' | 'train.cancel' | 'train.estimate'> = {
  'train.start': (ctx, p) => startTraining(ctx, p),
  'train.estimate': (ctx, p) => estimate(ctx, p),
  'train.cancel': (ctx, p) => {
    const running = current.get(ctx);
    if (running && running.runId === p.runId) {
      running.job.cancel();
      return { cancelled: true };
    }
    // A run whose process died is over already: cancelling it succeeds (and tells the screens it ended).
    const orphaned = ctx.project.runs.failOrphans().includes(p.runId);
    const run = ctx.project.runs.get(p.runId);
    if (!run || !isInterrupted(run)) return { cancelled: false };
    if (orphaned)
      ctx.events.emit('train.done', { runId: run.id, status: 'failed', metrics: null, error: run.error });
    return { cancelled: true };
  },
};
