/**
 * Training never runs on the thread that serves requests. The service talks to a TrainingHost, which runs
 * one training job somewhere else: a worker_thread in web mode (node-training-host.ts), an Electron
 * utilityProcess in the desktop app (src/main provides that one). Both run `runTrainingJob` on the other
 * side and carry these plain, structured-clone-safe messages.
 */
import type {
  EpochRecord,
  ParsedParams,
  RunMetrics,
  RunSummary,
  TrainProgress,
} from '../../common/contract.js';

export interface TrainingJobSpec {
  projectDir: string;
  request: ParsedParams<'train.start'>;
  /** better-sqlite3 binary to load (Electron's ABI differs from Node's); undefined = the package's own. */
  nativeBinding?: string;
}

export type TrainingMessage =
  | { type: 'started'; runId: number; backend: string }
  | { type: 'progress'; progress: TrainProgress }
  | { type: 'epoch'; runId: number; record: EpochRecord }
  | {
      type: 'done';
      runId: number;
      status: RunSummary['status'];
      metrics: RunMetrics | null;
      error: string | null;
    }
  /** The job failed before a run existed (e.g. too few classes); the message is for the user. */
  | { type: 'failed'; message: string };

/** Messages the host sends into the job. */
export type TrainingControl = { type: 'start'; spec: TrainingJobSpec } | { type: 'cancel' };

export interface TrainingJob {
  /** Ask the job to stop after the current batch and keep the best model. */
  cancel(): void;
  /** Stop it now (closing the app); resolves when the thread or process is gone. */
  terminate(): Promise<void>;
}

export interface TrainingHost {
  /**
   * Starts one job. `onMessage` gets every message; `onExit` is called once when the job's thread or process
   * ends, with an error message if it ended without sending 'done' or 'failed' (a crash).
   */
  start(
    spec: TrainingJobSpec,
    onMessage: (m: TrainingMessage) => void,
    onExit: (crash: string | null) => void,
  ): TrainingJob;
}

export function isTrainingMessage(value: unknown): value is TrainingMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return (
    type === 'started' || type === 'progress' || type === 'epoch' || type === 'done' || type === 'failed'
  );
}

/**
 * What a host does with whatever its job's thread or process posts: passes the training messages on (and
 * nothing else), and remembers whether the job said 'done' or 'failed', so its exit can tell a crash.
 */
export function messageRelay(onMessage: (m: TrainingMessage) => void): {
  receive: (m: unknown) => void;
  finished: () => boolean;
} {
  let finished = false;
  return {
    receive: (m) => {
      if (!isTrainingMessage(m)) return;
      if (m.type === 'done' || m.type === 'failed') finished = true;
      onMessage(m);
    },
    finished: () => finished,
  };
}

export function isTrainingControl(value: unknown): value is TrainingControl {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'start' || type === 'cancel';
}
