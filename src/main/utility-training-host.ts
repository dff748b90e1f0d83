import { utilityProcess } from 'electron';
import {
  isTrainingMessage,
  type TrainingControl,
  type TrainingHost,
  type TrainingJob,
  type TrainingJobSpec,
  type TrainingMessage,
} from '../core/studio/training-host.js';

/** The desktop app's TrainingHost: each job in its own Electron utility process, never in main. */
export function createUtilityTrainingHost(entry: string): TrainingHost {
  return {
    start(
      spec: TrainingJobSpec,
      onMessage: (m: TrainingMessage) => void,
      onExit: (crash: string | null) => void,
    ): TrainingJob {
      const child = utilityProcess.fork(entry, [], {
        serviceName: 'Emotion Studio training',
        stdio: 'inherit',
      });
      let finished = false;
      child.on('message', (m: unknown) => {
        if (!isTrainingMessage(m)) return;
        if (m.type === 'done' || m.type === 'failed') finished = true;
        onMessage(m);
      });
      const exited = new Promise<void>((resolve) => {
        child.once('exit', (code) => {
          onExit(finished ? null : `training process exited with code ${code} before finishing`);
          resolve();
        });
      });
      const send = (c: TrainingControl): void => {
        child.postMessage(c);
      };
      child.once('spawn', () => send({ type: 'start', spec }));
      return {
        cancel: () => send({ type: 'cancel' }),
        terminate: async () => {
          child.kill();
          await exited;
        },
      };
    },
  };
}
