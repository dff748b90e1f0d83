/**
 * One run of some work at a time. A call while it runs shares the next run, started when the current one ends:
 * many callers asking during a long computation (a screen reloading after every label) cost one more run,
 * and every caller gets a result computed after they asked.
 */
export class Coalesced<T> {
  private current: Promise<T> | null = null;
  private next: Promise<T> | null = null;

  constructor(private readonly work: () => Promise<T>) {}

  run(): Promise<T> {
    if (this.current === null) return this.start();
    this.next ??= this.current.then(
      () => this.startNext(),
      () => this.startNext(),
    );
    return this.next;
  }

  private startNext(): Promise<T> {
    this.next = null;
    return this.start();
  }

  private start(): Promise<T> {
    const run = this.work();
    this.current = run;
    const done = (): void => {
      if (this.current === run) this.current = null;
    };
    run.then(done, done);
    return run;
  }
}
