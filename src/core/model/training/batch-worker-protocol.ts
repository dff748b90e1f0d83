import type { BatchItem, TrainBatch, TrainBatchPlan } from './train-batch.js';

export type WorkerRequest =
  | { type: 'plan'; plan: TrainBatchPlan }
  | { type: 'batch'; id: number; items: BatchItem[]; seed: number }
  | { type: 'ping'; id: number };

export type WorkerReply =
  | { type: 'batch'; id: number; batch: TrainBatch }
  | { type: 'pong'; id: number }
  | { type: 'error'; id: number; message: string };
