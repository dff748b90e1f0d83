import { Worker } from 'node:worker_threads';
import {
  isTrainingMessage,
  type TrainingControl,
  type TrainingHost,
  type TrainingJob,
  type TrainingJobSpec,
  type TrainingMessage,
} from './training-host.js';

export interface NodeTrainingHostOptions {
  /** Module exporting `runTrainingJob` (a TrainingRunner); tests pass a fake. Default: training-job. */
  runner?: URL;
}

const fromSources = import.meta.url.endsWith('.ts');

/** Web mode's TrainingHost: each job in its own worker_thread, so the HTTP thread stays responsive. */
export function createNodeTrainingHost(opts: NodeTrainingHostOptions = {}): TrainingHost {
  return {
    start(
      spec: TrainingJobSpec,
      onMessage: (m: TrainingMessage) => void,
      onExit: (crash: string | null) => void,
    ): TrainingJob {
      const entry = new URL(fromSources ? './training-worker.ts' : './training-worker.js', import.meta.url);
      const runner = opts.runner?.href;
      const worker = fromSources
        ? new Worker(new URL('./ts-worker-boot.mjs', import.meta.url), {
            workerData: { entry: entry.href, runner },
          })
        : new Worker(entry, { workerData: { runner } });
      let finished = false;
      let crash: string | null = null;
      worker.on('message', (m: unknown) => {
        if (!isTrainingMessage(m)) return;
        if (m.type === 'done' || m.type === 'failed') finished = true;
        onMessage(m);
      });
      worker.on('error', (err) => {
        crash = `training thread crashed: ${err.message}`;
      });
      const exited = new Promise<void>((resolve) => {
        worker.once('exit', (code) => {
          if (!finished) onExit(crash ?? `training thread exited with code ${code} before finishing`);
          else onExit(null);
          resolve();
        });
      });
      const send = (c: TrainingControl): void => worker.postMessage(c);
      send({ type: 'start', spec });
      return {
        cancel: () => send({ type: 'cancel' }),
        terminate: async () => {
          await worker.terminate();
          await exited;
        },
      };
    },
  };
}
