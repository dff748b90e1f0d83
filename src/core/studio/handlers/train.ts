import { randomUUID } from 'node:crypto';
import type { ParsedParams, TrainEstimate } from '../../../common/contract.js';
import { resolveTrainConfig } from '../../model/config.js';
import { estimateTraining, PACE_SETTING, readPace } from '../../model/estimate.js';
import { defaultPoolJobs } from '../../model/node/pool-jobs.js';
import { TrainRefusal } from '../../model/refusals.js';
import { trainConfigOf } from '../../model/train-request.js';
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

function startTraining(ctx: StudioContext, request: ParsedParams<'train.start'>): Promise<{ runId: number }> {
  ctx.project.runs.failOrphans();
  const slotId = randomUUID();
  let exited!: () => void;
  const gone = new Promise<void>((resolve) => (exited = resolve));
  const state: { runId: number | null; final: boolean; stopping: boolean; job?: TrainingJob } = {
    runId: null,
    final: false,
    stopping: false,
  };

  ctx.jobs.claim('train', slotId, async () => {
    const job = state.job;
    if (!job) return;
    state.stopping = true;
    job.cancel();
    const timer = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), CANCEL_GRACE_MS).unref(),
    );
    if ((await Promise.race([gone.then(() => 'exited' as const), timer])) === 'timeout')
      await job.terminate();
  });

  return new Promise((resolve, reject) => {
    const finish = (runId: number, status: 'failed' | 'cancelled', error: string): void => {
      if (state.final) return;
      state.final = true;
      try {
        ctx.project.runs.update(runId, { status, error });
      } catch (err) {
        ctx.log(`could not mark run ${runId} ${status}: ${String(err)}`);
      }
      ctx.events.emit('train.done', { runId, status, metrics: null, error });
    };

    const onMessage = (m: TrainingMessage): void => {
      switch (m.type) {
        case 'started':
          state.runId = m.runId;
          current.set(ctx, { runId: m.runId, job: state.job as TrainingJob });
          resolve({ runId: m.runId });
          break;
        case 'progress':
          ctx.events.emit('train.progress', m.progress);
          break;
        case 'epoch':
          ctx.events.emit('train.epoch', { runId: m.runId, ...m.record });
          break;
        case 'done':
          state.final = true;
          ctx.events.emit('train.done', {
            runId: m.runId,
            status: m.status,
            metrics: m.metrics,
            error: m.error,
          });
          ctx.events.emit('dataset.changed', { reason: 'predictions' });
          break;
        case 'failed':
          state.final = true;
          reject(badRequest(`training did not start: ${m.message}`));
          break;
      }
    };

    const onExit = (crash: string | null): void => {
      ctx.jobs.release('train', slotId);
      if (current.get(ctx)?.job === state.job) current.delete(ctx);
      if (crash) {
        ctx.log(crash);
        if (state.runId === null) reject(new StudioError('internal', crash));
        else if (state.stopping) finish(state.runId, 'cancelled', 'stopped when the app closed');
        else finish(state.runId, 'failed', crash);
      } else if (state.runId === null && !state.final) {
        reject(new StudioError('internal', 'training ended before it started'));
      }
      exited();
    };

    try {
      state.job = ctx.trainingHost.start(
        { projectDir: ctx.project.dir, request, nativeBinding: ctx.nativeBinding },
        onMessage,
        onExit,
      );
    } catch (err) {
      ctx.jobs.release('train', slotId);
      exited();
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
