import type { FeatureBank } from '../feature-bank.js';
import { makeTrainBatch, type BatchItem, type TrainBatch, type TrainBatchPlan } from './train-batch.js';

/**
 * Where the training loop gets its batches. The loop asks for batch k+1 before it trains on batch k, so a
 * source that works on another thread (the worker) overlaps batch making with the model's step.
 */
export interface BatchSource {
  readonly kind: 'worker' | 'inline';
  setPlan(plan: TrainBatchPlan): void;
  prepare(items: readonly BatchItem[], seed: number): Promise<TrainBatch>;
  close(): Promise<void>;
}

/** Makes batches on the calling thread (browser, tests, or when a worker cannot start). */
export class InlineBatchSource implements BatchSource {
  readonly kind = 'inline';
  private plan: TrainBatchPlan | null = null;

  constructor(private readonly bank: FeatureBank) {}

  setPlan(plan: TrainBatchPlan): void {
    this.plan = plan;
  }

  prepare(items: readonly BatchItem[], seed: number): Promise<TrainBatch> {
    if (!this.plan) return Promise.reject(new Error('batch source has no plan'));
    try {
      return Promise.resolve(makeTrainBatch(this.bank, items, seed, this.plan));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
