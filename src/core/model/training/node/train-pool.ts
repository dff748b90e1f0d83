import type { Worker } from 'node:worker_threads';
import type { BackendName } from '../../backend/node/select.js';
import type { BatchSource } from '../batch-source.js';
import type { FeatureBank } from '../../feature-bank.js';
import { spawnModelWorker } from './spawn-worker.js';
import {
  receiveOutcome,
  runTrainTask,
  type PostedOutcome,
  type TrainTask,
  type TrainTaskOutcome,
} from '../train-task.js';
import type { BatchProgress, EpochStats } from '../train-loop.js';
import type { PoolReply, PoolRequest, PoolWorkerData } from '../train-pool-protocol.js';

/** Which jobs of a list are training, finished, or waiting (job indices). */
export interface PoolState {
  /** Trainings that may run at once. */
  jobs: number;
  running: number[];
  done: number;
  queued: number;
}

/** What a list's caller hears while it runs; indices are positions in the list. */
export interface JobListeners {
  /** Stops every running training after its current batch (each keeps its model); queued ones never start. */
  signal?: AbortSignal;
  onStart?: (index: number) => void;
  onBatch?: (index: number, p: BatchProgress) => void;
  onEpoch?: (index: number, e: EpochStats) => void;
  onEvaluate?: (index: number) => void;
  /** Each outcome as it arrives (out of order in a pool); the returned list is in job order. */
  onDone?: (index: number, outcome: TrainTaskOutcome) => void;
  /** The pool's state whenever a job starts or ends (never called when the jobs run on the calling thread). */
  onState?: (state: PoolState) => void;
  /** A line worth showing, e.g. why the pool fell back to the calling thread. */
  onNote?: (text: string) => void;
}

export interface RunJobsOptions extends JobListeners {
  bank: FeatureBank;
  /** At most this many trainings at once; 1 runs them one after another on the calling thread. */
  jobs: number;
  /** The calling thread's backend (selectBackend has run); every worker selects the same. */
  backend: BackendName;
  /** Batches for trainings on the calling thread (jobs 1, a single job, or a pool that cannot start). */
  source: BatchSource;
  /** How each pool worker makes its batches (default: a batch worker of its own). */
  batches?: 'worker' | 'inline';
  /** A pool already started (kept for several lists, e.g. every candidate of a recipe search); not closed here. */
  pool?: TrainingPool;
}

/**
 * Runs a list of independent trainings, up to `jobs` at once in worker threads that each have their own
 * tfjs backend, and returns their outcomes in list order (null for a job a cancel kept from starting).
 * A job's result depends only on the job (its seeds are in it), never on the thread or the order, so a
 * pooled run equals the sequential one. With jobs 1 or a single job, everything runs on the calling thread
 * as before.
 */
export async function runTrainTasks(
  list: readonly TrainTask[],
  opts: RunJobsOptions,
): Promise<Array<TrainTaskOutcome | null>> {
  if (opts.pool && list.length > 1) return opts.pool.run(list, opts.bank, opts);
  const width = Math.min(Math.max(1, Math.floor(opts.jobs)), list.length);
  if (width <= 1) return runHere(list, opts);
  let pool: TrainingPool;
  try {
    pool = await TrainingPool.start(width, { backend: opts.backend, batches: opts.batches });
  } catch (err) {
    opts.onNote?.(
      `training pool unavailable (${err instanceof Error ? err.message : String(err)}); training one job at a time`,
    );
    return runHere(list, opts);
  }
  try {
    return await pool.run(list, opts.bank, opts);
  } finally {
    await pool.close();
  }
}

/** The trainings one after another on the calling thread. */
export async function runHere(
  list: readonly TrainTask[],
  opts: JobListeners & { bank: FeatureBank; source: BatchSource },
): Promise<Array<TrainTaskOutcome | null>> {
  const out: Array<TrainTaskOutcome | null> = list.map(() => null);
  for (const [k, job] of list.entries()) {
    opts.onStart?.(k);
    const outcome = await runTrainTask(job, opts.bank, opts.source, opts.signal, {
      onBatch: (p) => opts.onBatch?.(k, p),
      onEpoch: (e) => opts.onEpoch?.(k, e),
      onEvaluate: () => opts.onEvaluate?.(k),
    });
    out[k] = outcome;
    opts.onDone?.(k, outcome);
    // A cancel stops the training that saw it; the ones after it never start.
    if (outcome.cancelled) break;
  }
  return out;
}

/** A pool worker: one job at a time, its replies routed to whoever posted the job. */
class PoolWorker {
  private handler: ((m: PoolReply) => void) | null = null;
  private failure: ((e: Error) => void) | null = null;
  private bank: FeatureBank | null = null;
  private dead: Error | null = null;
  readonly ready: Promise<string>;

  constructor(readonly worker: Worker) {
    this.ready = new Promise((resolve, reject) => {
      this.handler = (m) => {
        if (m.type === 'ready') resolve(m.detail);
        else if (m.type === 'init-failed') reject(new Error(m.message));
      };
      this.failure = reject;
    });
    worker.on('message', (m: PoolReply) => this.handler?.(m));
    const fail = (e: Error) => {
      this.dead ??= e;
      this.failure?.(e);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`training worker exited with code ${code}`)));
  }

  run(index: number, job: TrainTask, bank: FeatureBank, opts: JobListeners): Promise<PostedOutcome> {
    return new Promise((resolve, reject) => {
      if (this.dead) return reject(this.dead);
      this.failure = reject;
      this.handler = (m) => {
        if (!('index' in m) || m.index !== index) return;
        if (m.type === 'batch') opts.onBatch?.(index, m.progress);
        else if (m.type === 'epoch') opts.onEpoch?.(index, m.epoch);
        else if (m.type === 'evaluate') opts.onEvaluate?.(index);
        else if (m.type === 'done') resolve(m.outcome);
        else if (m.type === 'failed') reject(new Error(m.message));
      };
      // The bank goes once per worker and bank: its data is shared memory, its index arrays are small.
      if (this.bank !== bank) this.post({ type: 'bank', bank });
      this.bank = bank;
      this.post({ type: 'job', index, job });
    });
  }

  private post(m: PoolRequest): void {
    this.worker.postMessage(m);
  }

  terminate(): Promise<number> {
    this.worker.removeAllListeners('exit');
    return this.worker.terminate();
  }
}

/**
 * Worker threads that train one job each at a time, every one with its own tfjs backend. Started once, a
 * pool can run several lists one after another (on the same or other feature banks), so a search over
 * recipes pays the workers' start-up once. One list at a time.
 */
export class TrainingPool {
  private busy = false;

  private constructor(
    private readonly workers: PoolWorker[],
    private readonly cancel: Int32Array,
  ) {}

  /** Starts `size` workers on `backend`; rejects (having stopped them) if any cannot start. */
  static async start(
    size: number,
    opts: { backend: BackendName; batches?: 'worker' | 'inline' },
  ): Promise<TrainingPool> {
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    const data: PoolWorkerData = { backend: opts.backend, batches: opts.batches ?? 'worker', cancel };
    const workers: PoolWorker[] = [];
    try {
      for (let i = 0; i < Math.max(1, size); i++)
        workers.push(new PoolWorker(spawnModelWorker('train-pool-worker', data)));
      await Promise.all(workers.map((w) => w.ready));
      return new TrainingPool(workers, cancel);
    } catch (err) {
      await Promise.all(workers.map((w) => w.terminate().catch(() => 0)));
      throw err;
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Trains `list` on `bank`, up to `size` at once; outcomes in list order, null for jobs never started. */
  async run(
    list: readonly TrainTask[],
    bank: FeatureBank,
    opts: JobListeners = {},
  ): Promise<Array<TrainTaskOutcome | null>> {
    if (this.busy) throw new Error('the training pool is already running a list');
    this.busy = true;
    const { cancel } = this;
    Atomics.store(cancel, 0, 0);
    const out: Array<TrainTaskOutcome | null> = list.map(() => null);
    // Longest first (the final model trains on every clip): the last round then leaves less idle time.
    const cost = (k: number) => list[k].train.length * list[k].settings.epochs;
    const queue = list.map((_, k) => k).sort((a, b) => cost(b) - cost(a) || a - b);
    const running = new Set<number>();
    let done = 0;
    let failure: Error | null = null;
    const stop = () => Atomics.store(cancel, 0, 1);
    const stopped = () => Atomics.load(cancel, 0) === 1;
    opts.signal?.addEventListener('abort', stop);
    if (opts.signal?.aborted) stop();
    const width = Math.min(this.workers.length, list.length);
    const state = () =>
      opts.onState?.({
        jobs: width,
        running: [...running].sort((a, b) => a - b),
        done,
        queued: queue.length,
      });

    const drive = async (w: PoolWorker): Promise<void> => {
      while (queue.length > 0 && !stopped()) {
        const k = queue.shift() as number;
        running.add(k);
        opts.onStart?.(k);
        state();
        try {
          const outcome = receiveOutcome(list[k].spec, await w.run(k, list[k], bank, opts));
          out[k] = outcome;
          running.delete(k);
          done++;
          opts.onDone?.(k, outcome);
          state();
        } catch (err) {
          running.delete(k);
          failure ??= err instanceof Error ? err : new Error(String(err));
          stop();
          return;
        }
      }
    };
    try {
      await Promise.all(this.workers.slice(0, width).map(drive));
    } finally {
      opts.signal?.removeEventListener('abort', stop);
      this.busy = false;
    }
    if (failure) {
      for (const o of out) o?.model?.dispose();
      throw failure;
    }
    return out;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate().catch(() => 0)));
  }
}
