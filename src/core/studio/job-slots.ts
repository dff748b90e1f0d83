import { conflict } from './errors.js';

export type JobKind = 'import' | 'train';

const WHAT: Record<JobKind, string> = { import: 'an import', train: 'a training run' };

/** Long jobs, at most one of each kind at a time; `stopAll` ends them when the app closes. */
export class JobSlots {
  private readonly running = new Map<JobKind, { id: string; stop: () => Promise<void> }>();

  current(kind: JobKind): string | null {
    return this.running.get(kind)?.id ?? null;
  }

  /** Reserves the slot synchronously, so two quick clicks can't both start a job. */
  claim(kind: JobKind, id: string, stop: () => Promise<void>): void {
    if (this.running.has(kind))
      throw conflict(`${WHAT[kind]} is already running: wait for it or cancel it first`);
    this.running.set(kind, { id, stop });
  }

  release(kind: JobKind, id: string): void {
    if (this.running.get(kind)?.id === id) this.running.delete(kind);
  }

  async stopAll(): Promise<void> {
    const jobs = [...this.running.values()];
    this.running.clear();
    await Promise.allSettled(jobs.map((j) => j.stop()));
  }
}
