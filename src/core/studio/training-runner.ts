import type { TrainingJobSpec, TrainingMessage } from './training-host.js';

/**
 * What runs on the far side of a TrainingHost. It must send 'started' once a run exists, then progress,
 * and end with exactly one 'done' (or 'failed' if no run was created).
 */
export type TrainingRunner = (
  spec: TrainingJobSpec,
  post: (m: TrainingMessage) => void,
  signal: AbortSignal,
) => Promise<void>;
