// Worker-thread entry of the training pool: selects the calling thread's backend for itself, then trains
// the jobs it is sent one at a time, each exactly as the calling thread would (runTrainingJob).
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend } from './backend/select.js';
import type { BatchSource } from './batch-source.js';
import { runTrainingJob } from './train-job.js';
import type { PoolReply, PoolRequest, PoolWorkerData } from './train-pool-protocol.js';
import { snapshotWeights } from './weights.js';
import { createBatchSource } from './worker-batch-source.js';

const port = parentPort;
if (!port) throw new Error('train-pool-worker.ts must run in a worker thread');
const data = workerData as PoolWorkerData;
const post = (m: PoolReply, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

let source: BatchSource | null = null;

async function start(): Promise<void> {
  try {
    const backend = await selectBackend(data.backend);
    source = (await createBatchSource(data.bank, data.batches)).source;
    post({ type: 'ready', detail: backend.detail });
  } catch (err) {
    post({ type: 'init-failed', message: message(err) });
  }
}

async function run(req: PoolRequest): Promise<void> {
  const { index, job } = req;
  try {
    if (!source) throw new Error('the pool worker has no batch source');
    const controller = new AbortController();
    const checkCancel = () => {
      if (Atomics.load(data.cancel, 0) === 1) controller.abort();
    };
    checkCancel();
    const outcome = await runTrainingJob(job, data.bank, source, controller.signal, {
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

// Jobs arrive one at a time (the pool sends the next when this one is done), so they never overlap.
port.on('message', (req: PoolRequest) => {
  if (req.type === 'job') void run(req);
});
void start();
