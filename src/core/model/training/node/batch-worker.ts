// Worker-thread entry: makes training batches from the shared feature bank while the main thread trains.
import { parentPort, workerData } from 'node:worker_threads';
import type { FeatureBank } from '../../feature-bank.js';
import { makeTrainBatch, type TrainBatchPlan } from '../train-batch.js';
import type { WorkerReply, WorkerRequest } from '../batch-worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('batch-worker.ts must run in a worker thread');
const bank = (workerData as { bank: FeatureBank }).bank;
let plan: TrainBatchPlan | null = null;

port.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'plan') {
    plan = msg.plan;
    return;
  }
  if (msg.type === 'ping') {
    port.postMessage({ type: 'pong', id: msg.id } satisfies WorkerReply);
    return;
  }
  try {
    if (!plan) throw new Error('no batch plan was sent to the worker');
    const batch = makeTrainBatch(bank, msg.items, msg.seed, plan);
    const reply: WorkerReply = { type: 'batch', id: msg.id, batch };
    port.postMessage(reply, [batch.x.buffer, batch.y.buffer, batch.w.buffer] as ArrayBuffer[]);
  } catch (err) {
    const reply: WorkerReply = {
      type: 'error',
      id: msg.id,
      message: err instanceof Error ? err.message : String(err),
    };
    port.postMessage(reply);
  }
});
