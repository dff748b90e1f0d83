import { utilityProcess } from 'electron';
import { messageRelay, type TrainingControl, type TrainingHost } from '../core/studio/training-host.js';

/** The desktop app's TrainingHost: each job in its own Electron utility process, never in main. */
export function createUtilityTrainingHost(entry: string): TrainingHost {
  return {
    start(spec, onMessage, onExit) {
      const child = utilityProcess.fork(entry, [], {
        serviceName: 'Emotion Studio training',
        stdio: 'inherit',
      });
      const relay = messageRelay(onMessage);
      child.on('message', relay.receive);
      const exited = new Promise<void>((resolve) => {
        child.once('exit', (code) => {
          onExit(relay.finished() ? null : `training process exited with code ${code} before finishing`);
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
