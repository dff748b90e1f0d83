import { Worker } from 'node:worker_threads';
import { messageRelay, type TrainingControl, type TrainingHost } from './training-host.js';

export interface NodeTrainingHostOptions {
  /** Module exporting `runTrainingJob` (a TrainingRunner); tests pass a fake. Default: training-job. */
  runner?: URL;
}

const fromSources = import.meta.url.endsWith('.ts');

/** Web mode's TrainingHost: each job in its own worker_thread, so the HTTP thread stays responsive. */
export function createNodeTrainingHost(opts: NodeTrainingHostOptions = {}): TrainingHost {
  return {
    start(spec, onMessage, onExit) {
      const entry = new URL(fromSources ? './training-worker.ts' : './training-worker.js', import.meta.url);
      const runner = opts.runner?.href;
      const worker = fromSources
        ? new Worker(new URL('./ts-worker-boot.mjs', import.meta.url), {
            workerData: { entry: entry.href, runner },
          })
        : new Worker(entry, { workerData: { runner } });
      const relay = messageRelay(onMessage);
      let crash: string | null = null;
      worker.on('message', relay.receive);
      worker.on('error', (err) => {
        crash = `training thread crashed: ${err.message}`;
      });
      const exited = new Promise<void>((resolve) => {
        worker.once('exit', (code) => {
          if (!relay.finished()) onExit(crash ?? `training thread exited with code ${code} before finishing`);
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
