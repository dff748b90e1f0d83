/**
 * A small typed event emitter (browser-safe, unlike node:events). `on()` returns its own unsubscribe
 * function, so a UI component or a CLI display can detach with one call when it goes away.
 */
export class TypedEmitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  on<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener as (payload: never) => void);
    return () => {
      set.delete(listener as (payload: never) => void);
    };
  }

  emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    const set = this.listeners.get(name);
    if (!set) return;
    // A snapshot, so a listener that unsubscribes while handling does not disturb the others.
    for (const listener of [...set]) (listener as (payload: Events[K]) => void)(payload);
  }

  listenerCount(name: keyof Events): number {
    return this.listeners.get(name)?.size ?? 0;
  }
}
