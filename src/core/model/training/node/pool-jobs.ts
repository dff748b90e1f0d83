import os from 'node:os';

/**
 * Trainings at once by default on a single-threaded backend: the machine's cores less one for the UI (at
 * least 1). Its own module, without tfjs, so the app can show the default without loading the engine.
 */
export function defaultPoolJobs(cores = os.availableParallelism()): number {
  return Math.max(1, cores - 1);
}
