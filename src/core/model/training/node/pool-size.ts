import os from 'node:os';
import type { BackendName } from '../../backend/node/select.js';
import { buildModel, type ModelSpec } from '../../cnn.js';
import { defaultPoolJobs } from './pool-jobs.js';

/**
 * Memory of a pool worker before it trains: its V8 isolate, tfjs and the wasm backend, and its batch
 * worker's isolate. Measured with bench/train-pool-memory.ts (see DESIGN-NOTES).
 */
const WORKER_BASE_BYTES = 160 * 2 ** 20;
/**
 * Bytes of the wasm heap per float of one example's layer outputs at batch size 1: training keeps each
 * layer's output for the backward pass and makes a gradient of the same size, and tfjs-wasm's heap only
 * grows (the allocator keeps freed blocks), so this is the measured high-water mark, not the ideal 8 bytes.
 */
const BYTES_PER_ACTIVATION = 24;
/** Weights, their gradients, Adam's two moments, and a snapshot for early stopping. */
const BYTES_PER_PARAM = 5 * 4;
/** Clips predicted at once in validation and testing (predictBankClips' group, 64 windows a call). */
const PREDICT_BATCH = 64;

export interface JobMemoryEstimate {
  /** One training's memory in its worker (the feature bank is shared, not counted here). */
  perJobBytes: number;
  activations: number;
  params: number;
}

/** Estimates one pool job's memory from its model (built once to read its layer shapes) and batch size. */
export function estimateJobMemory(spec: ModelSpec, batchSize: number): JobMemoryEstimate {
  const model = buildModel(spec);
  let activations = 0;
  try {
    for (const layer of model.layers) {
      const shapes = (Array.isArray(layer.outputShape[0]) ? layer.outputShape : [layer.outputShape]) as Array<
        Array<number | null>
      >;
      for (const s of shapes) activations += s.slice(1).reduce<number>((n, d) => n * (d ?? 1), 1);
    }
  } finally {
    model.dispose();
  }
  const params = model.countParams();
  const examples = Math.max(batchSize, PREDICT_BATCH / 2);
  return {
    perJobBytes: WORKER_BASE_BYTES + activations * examples * BYTES_PER_ACTIVATION + params * BYTES_PER_PARAM,
    activations,
    params,
  };
}

/** Memory this process may still use: free memory, and the cgroup's limit where there is one. */
export function availableMemoryBytes(): number {
  const free = os.freemem();
  const limit = process.constrainedMemory?.() ?? 0;
  if (limit > 0) return Math.min(free, Math.max(0, limit - process.memoryUsage.rss()));
  return free;
}

export interface PoolPlan {
  jobs: number;
  /** One line for the user: how many trainings run at once and why. */
  note: string;
  perJobBytes: number;
}

export interface PoolPlanInput {
  /** --jobs; absent: the default for the backend. */
  requested?: number;
  /** Independent trainings the run has (folds and the final model). */
  trainings: number;
  backend: BackendName;
  spec: ModelSpec;
  batchSize: number;
  /** Memory the run needs besides the jobs and not yet taken (the feature bank, when planned before it loads). */
  sharedBytes?: number;
  /** Defaults: this machine's (tests pass their own). */
  cores?: number;
  availableBytes?: number;
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const gb = (bytes: number) => `${(bytes / 2 ** 30).toFixed(1)} GB`;

/**
 * How many trainings run at once. wasm and cpu compute on one thread, so by default every core but one
 * (left for the UI) trains. Native TensorFlow spreads one training over every core already, and a GPU
 * holds one training's memory at a time with no way here to ask how much is free: those default to 1.
 * Whatever was asked, only as many as fit in 80% of the memory left once the feature bank (shared by all)
 * is loaded.
 */
export function planPool(input: PoolPlanInput): PoolPlan {
  const cores = input.cores ?? os.availableParallelism();
  const native = input.backend === 'node' || input.backend === 'node-gpu';
  const wanted = input.requested ?? (native ? 1 : defaultPoolJobs(cores));
  if (input.trainings <= 1 || wanted <= 1)
    return {
      jobs: 1,
      perJobBytes: 0,
      note:
        input.trainings <= 1
          ? 'one training: no pool'
          : `one training at a time (${input.requested !== undefined ? '--jobs 1' : native ? `${input.backend} uses every core for one training` : `${cores} core${cores === 1 ? '' : 's'}, one kept for the UI`})`,
    };
  const { perJobBytes } = estimateJobMemory(input.spec, input.batchSize);
  const available = Math.max(0, (input.availableBytes ?? availableMemoryBytes()) - (input.sharedBytes ?? 0));
  const fit = Math.max(1, Math.floor((0.8 * available) / perJobBytes));
  const jobs = Math.min(wanted, fit, input.trainings);
  const memory = `about ${mb(perJobBytes)} each, ${gb(available)} free`;
  const note =
    fit < Math.min(wanted, input.trainings)
      ? `${jobs} training${jobs === 1 ? '' : 's'} at once, not ${Math.min(wanted, input.trainings)}: memory allows ${fit} (${memory})`
      : `${jobs} trainings at once (${input.requested !== undefined ? `--jobs ${input.requested}` : `${cores} cores, one kept for the UI`}; ${memory})`;
  return { jobs, note, perJobBytes };
}
