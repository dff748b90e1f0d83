import type { Worker } from 'node:worker_threads';
import type { FeatureBank } from '../../feature-bank.js';
import type { BatchSource } from '../batch-source.js';
import type { BatchItem, TrainBatch, TrainBatchPlan } from '../train-batch.js';
import type { WorkerReply, WorkerRequest } from '../batch-worker-protocol.js';
import { spawnModelWorker } from './spawn-worker.js';

/** Makes batches on the second core: the wasm backend is single-threaded, so this work is then free. */
export class WorkerBatchSource implements BatchSource {
  readonly kind = 'worker';
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (b: TrainBatch | null) => void; reject: (e: Error) => void }
  >();
  private failure: Error | null = null;

  constructor(bank: FeatureBank) {
    this.worker = spawnModelWorker('batch-worker', { bank });
    this.worker.on('message', (msg: WorkerReply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (this.pending.size === 0) this.worker.unref();
      if (msg.type === 'batch') p.resolve(msg.batch);
      else if (msg.type === 'pong') p.resolve(null);
      else p.reject(new Error(`batch worker: ${msg.message}`));
    });
    const failAll = (err: Error) => {
      this.failure = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', (err) => failAll(err));
    this.worker.on('exit', (code) => {
      if (code !== 0) failAll(new Error(`batch worker exited with code ${code}`));
    });
    // An idle worker must not keep a finished CLI process alive; one with work pending must (else a process
    // awaiting only a batch would simply exit).
    this.worker.unref();
  }

  setPlan(plan: TrainBatchPlan): void {
    this.post({ type: 'plan', plan });
  }

  async prepare(items: readonly BatchItem[], seed: number): Promise<TrainBatch> {
    const batch = await this.request((id) => ({ type: 'batch', id, items: [...items], seed }));
    if (!batch) throw new Error('batch worker replied without a batch');
    return batch;
  }

  /** Resolves once the worker is up and answering (its start-up errors arrive asynchronously). */
  async ready(timeoutMs = 20_000): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.request((id) => ({ type: 'ping', id })), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private request(make: (id: number) => WorkerRequest): Promise<TrainBatch | null> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.post(make(id));
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private post(msg: WorkerRequest): void {
    this.worker.postMessage(msg);
  }
}

/** A worker source, or the inline one (with the reason) when a worker cannot be started here. */
export async function createBatchSource(
  bank: FeatureBank,
  prefer: 'worker' | 'inline' = 'worker',
): Promise<{ source: BatchSource; note?: string }> {
  const { InlineBatchSource } = await import('../batch-source.js');
  if (prefer === 'inline') return { source: new InlineBatchSource(bank) };
  let worker: WorkerBatchSource | null = null;
  try {
    worker = new WorkerBatchSource(bank);
    await worker.ready();
    return { source: worker };
  } catch (err) {
    await worker?.close().catch(() => undefined);
    return {
      source: new InlineBatchSource(bank),
      note: `batch worker unavailable (${err instanceof Error ? err.message : String(err)}); preparing batches inline`,
    };
  }
}
