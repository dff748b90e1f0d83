/** Entry of the Electron utility process that trains: one job, then exit. */
import { isTrainingControl, type TrainingMessage } from '../core/studio/training-host.js';
import { runTrainingJob } from '../core/studio/training-job.js';
import { errorMessage } from '../common/error-message.js';

const port = process.parentPort;
const controller = new AbortController();
const post = (m: TrainingMessage): void => port.postMessage(m);
let started = false;

port.on('message', (event) => {
  const msg: unknown = event.data;
  if (!isTrainingControl(msg)) return;
  if (msg.type === 'cancel') {
    controller.abort();
    return;
  }
  if (started) return;
  started = true;
  void runTrainingJob(msg.spec, post, controller.signal)
    .catch((err: unknown) => post({ type: 'failed', message: errorMessage(err) }))
    .finally(() => process.exit(0));
});
