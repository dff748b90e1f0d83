/** How long work may hold the thread before it lets other work run (a server's other requests). */
export const SLICE_MS = 15;

export interface SliceOptions {
  sliceMs?: number;
  /** Lets other work run between slices; by default a macrotask, so I/O callbacks come first. */
  pause?: () => Promise<void>;
  /** The share of the work done (0 to 1), after each slice. */
  onProgress?: (share: number) => void;
}

const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs a computation written as steps (a generator yielding the share done) in slices of about `sliceMs`,
 * pausing between them: the thread keeps answering while a long computation runs on it.
 */
export async function runInSlices<T>(steps: Generator<number, T, void>, opts: SliceOptions = {}): Promise<T> {
  const sliceMs = opts.sliceMs ?? SLICE_MS;
  const pause = opts.pause ?? macrotask;
  let started = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - started >= sliceMs) {
      opts.onProgress?.(step.value);
      await pause();
      started = performance.now();
    }
  }
}

/** A part of a larger computation: its shares mapped into [from, to] of the whole. */
export function* share<T>(
  steps: Generator<number, T, void>,
  from: number,
  to: number,
): Generator<number, T, void> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    yield from + (to - from) * step.value;
  }
}
