// Workers don't inherit the parent's tsx loader hooks: when the app runs from its TypeScript sources
// (`ser` goes through tsx), a worker starts here, registers tsx for its own thread, then loads its entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
