import type { BackendName } from '../backend/node/select.js';
import type { FeatureBank } from '../feature-bank.js';
import type { PostedOutcome, TrainTask } from './train-task.js';
import type { BatchProgress, EpochStats } from './train-loop.js';

/** What a pool worker is started with. */
export interface PoolWorkerData {
  /** The calling thread's backend; the worker selects the same, so results match. */
  backend: BackendName;
  batches: 'worker' | 'inline';
  /** Element 0 turns 1 on cancel: read between batches, so a busy worker sees it without a message. */
  cancel: Int32Array;
}

export type PoolRequest =
  /** The bank the next jobs index (its data is shared memory when the bank was built shared). */
  { type: 'bank'; bank: FeatureBank } | { type: 'job'; index: number; job: TrainTask };

export type PoolReply =
  | { type: 'ready'; detail: string }
  | { type: 'init-failed'; message: string }
  | { type: 'batch'; index: number; progress: BatchProgress }
  | { type: 'epoch'; index: number; epoch: EpochStats }
  | { type: 'evaluate'; index: number }
  | { type: 'done'; index: number; outcome: PostedOutcome }
  | { type: 'failed'; index: number; message: string };
