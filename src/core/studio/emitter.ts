type Handler<P> = (payload: P) => void;
type AnyHandler<Events> = <E extends keyof Events & string>(event: E, payload: Events[E]) => void;

/**
 * A small typed event emitter: `on()` returns its own unsubscribe function, and a throwing subscriber
 * never stops the others (a broken SSE client must not break the Electron window, or vice versa).
 */
export class TypedEmitter<Events extends object> {
  private readonly handlers = new Map<keyof Events, Set<Handler<never>>>();
  private readonly anyHandlers = new Set<AnyHandler<Events>>();

  constructor(private readonly onHandlerError: (err: unknown) => void = () => {}) {}

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
    for (const h of [...(this.handlers.get(event) ?? [])])
      this.safely(() => (h as Handler<Events[E]>)(payload));
    for (const h of [...this.anyHandlers]) this.safely(() => h(event, payload));
  }

  listenerCount(): number {
    let n = this.anyHandlers.size;
    for (const set of this.handlers.values()) n += set.size;
    return n;
  }

  clear(): void {
    this.handlers.clear();
    this.anyHandlers.clear();
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.onHandlerError(err);
    }
  }
}
