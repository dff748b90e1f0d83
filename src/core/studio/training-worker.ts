/**
 * The training thread of web mode: receives one 'start', runs the job, forwards its messages to the
 * service's thread, and turns 'cancel' into an AbortSignal.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isTrainingControl, type TrainingMessage } from './training-host.js';
import type { TrainingRunner } from './training-runner.js';
import { errorMessage } from '../../common/error-message.js';

const port = parentPort;
if (!port) throw new Error('training-worker.ts must run in a worker thread');

const runnerUrl = (workerData as { runner?: unknown } | null)?.runner;
const controller = new AbortController();
const post = (m: TrainingMessage): void => port.postMessage(m);

port.on('message', (msg: unknown) => {
  if (!isTrainingControl(msg)) return;
  if (msg.type === 'cancel') {
    controller.abort();
    return;
  }
  void (async () => {
    try {
      const mod = (await import(typeof runnerUrl === 'string' ? runnerUrl : './training-job.js')) as {
        runTrainingJob: TrainingRunner;
      };
      await mod.runTrainingJob(msg.spec, post, controller.signal);
    } catch (err) {
      post({ type: 'failed', message: errorMessage(err) });
    } finally {
      port.close();
    }
  })();
});
