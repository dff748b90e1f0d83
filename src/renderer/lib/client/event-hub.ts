import type { EventName, StudioEvents } from '../../../common/contract.js';

type Handler = (payload: unknown) => void;

/** Fans one transport-level event stream out to many typed subscribers. */
export class EventHub {
  private readonly handlers = new Map<string, Set<Handler>>();

  constructor(private readonly onFirstListener: (event: string) => void = () => {}) {}

  on<E extends EventName>(event: E, handler: (payload: StudioEvents[E]) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
      this.onFirstListener(event);
    }
    const h = handler as Handler;
    set.add(h);
    return () => {
      set.delete(h);
    };
  }

  emit(event: string, payload: unknown): void {
    const set = this.handlers.get(event);
    if (!set) return;
    for (const h of [...set]) {
      try {
        h(payload);
      } catch (err) {
        // one broken subscriber must not starve the others
        console.error(`handler for ${event} failed`, err);
      }
    }
  }
}
