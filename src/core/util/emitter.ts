type Handler<P> = (payload: P) => void;
type AnyHandler<Events> = <E extends keyof Events & string>(event: E, payload: Events[E]) => void;

/**
 * A small typed event emitter (browser-safe, unlike node:events). `on()` returns its own unsubscribe function,
 * so a UI component or a CLI display can detach with one call when it goes away. Given `onHandlerError`, a
 * throwing subscriber is reported there and never stops the others (a broken SSE client must not break the
 * Electron window, or vice versa); without it the error reaches the emitter's caller, as a plain call would.
 */
export class TypedEmitter<Events extends object> {
  private readonly handlers = new Map<keyof Events, Set<Handler<never>>>();
  private readonly anyHandlers = new Set<AnyHandler<Events>>();

  constructor(private readonly onHandlerError?: (err: unknown) => void) {}

  on<E extends keyof Events & string>(event: E, handler: Handler<Events[E]>): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    const h = handler as Handler<never>;
    set.add(h);
    return () => {
      set.delete(h);
    };
  }

  /** Every event, for transports that forward them all (IPC, SSE). */
  onAny(handler: AnyHandler<Events>): () => void {
    this.anyHandlers.add(handler);
    return () => {
      this.anyHandlers.delete(handler);
    };
  }

  emit<E extends keyof Events & string>(event: E, payload: Events[E]): void {
    // Snapshots, so a handler that unsubscribes while handling does not disturb the others.
    for (const h of [...(this.handlers.get(event) ?? [])])
      this.safely(() => (h as Handler<Events[E]>)(payload));
    for (const h of [...this.anyHandlers]) this.safely(() => h(event, payload));
  }

  /** Subscribers of one event, or of all of them (onAny's included) without `event`. */
  listenerCount(event?: keyof Events): number {
    if (event !== undefined) return this.handlers.get(event)?.size ?? 0;
    let n = this.anyHandlers.size;
    for (const set of this.handlers.values()) n += set.size;
    return n;
  }

  clear(): void {
    this.handlers.clear();
    this.anyHandlers.clear();
  }

  private safely(fn: () => void): void {
    if (!this.onHandlerError) return fn();
    try {
      fn();
    } catch (err) {
      this.onHandlerError(err);
    }
  }
}
