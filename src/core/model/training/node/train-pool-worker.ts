// Worker-thread entry of the training pool: selects the calling thread's backend for itself, then trains
// the jobs it is sent one at a time, each exactly as the calling thread would (runTrainTask).
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend } from '../../backend/node/select.js';
import type { BatchSource } from '../batch-source.js';
import type { FeatureBank } from '../../feature-bank.js';
import { runTrainTask } from '../train-task.js';
import type { PoolReply, PoolRequest, PoolWorkerData } from '../train-pool-protocol.js';
import { snapshotWeights } from '../../weights.js';
import { createBatchSource } from './worker-batch-source.js';

const port = parentPort;
if (!port) throw new Error('train-pool-worker.ts must run in a worker thread');
const data = workerData as PoolWorkerData;
const post = (m: PoolReply, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

let bank: FeatureBank | null = null;
let source: BatchSource | null = null;
let started: Promise<void> = Promise.resolve();

async function start(): Promise<void> {
  try {
    const backend = await selectBackend(data.backend);
    post({ type: 'ready', detail: backend.detail });
  } catch (err) {
    post({ type: 'init-failed', message: message(err) });
  }
}

async function useBank(next: FeatureBank): Promise<void> {
  await source?.close();
  bank = next;
  source = (await createBatchSource(next, data.batches)).source;
}

async function run(index: number, job: PoolRequest & { type: 'job' }): Promise<void> {
  try {
    await started;
    if (!bank || !source) throw new Error('the pool worker was sent a job before its feature bank');
    const controller = new AbortController();
    const checkCancel = () => {
      if (Atomics.load(data.cancel, 0) === 1) controller.abort();
    };
    checkCancel();
    const outcome = await runTrainTask(job.job, bank, source, controller.signal, {
      onBatch: (progress) => {
        checkCancel();
        post({ type: 'batch', index, progress });
      },
      onEpoch: (epoch) => post({ type: 'epoch', index, epoch }),
      onEvaluate: () => post({ type: 'evaluate', index }),
    });
    const { model, ...rest } = outcome;
    const weights = model ? snapshotWeights(model) : null;
    model?.dispose();
    const transfer = [
      ...new Set([...rest.probs, ...(weights?.values ?? [])].map((a) => a.buffer as ArrayBuffer)),
    ];
    post({ type: 'done', index, outcome: { ...rest, weights } }, transfer);
  } catch (err) {
    post({ type: 'failed', index, message: message(err) });
  }
}

// A bank arrives before the jobs that use it, and a job only after the previous one is done, so the
// messages are handled in order and jobs never overlap.
port.on('message', (req: PoolRequest) => {
  if (req.type === 'bank') started = started.then(() => useBank(req.bank));
  else if (req.type === 'job') void run(req.index, req);
});
started = start();
