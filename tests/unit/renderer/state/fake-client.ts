import type { AppClient } from '../../../../src/renderer/lib/client/index.js';
import type {
  ClipDetail,
  ClipRow,
  EventName,
  RequestName,
  RequestParams,
  StudioEvents,
} from '../../../../src/common/contract.js';

type Handler = (params: never) => unknown;
type Listener = (payload: never) => void;

/**
 * A studio client whose requests go to `handlers` (method -> function of the params, which may return a
 * promise the test settles when it likes); every request is recorded. `emit` delivers an event to whatever
 * the state subscribed, as the engine's push would. `extra` replaces a capability (e.g. `uploadFiles`).
 */
export function fakeClient(handlers: Partial<Record<RequestName, Handler>>, extra: Partial<AppClient> = {}) {
  const calls: Array<{ method: RequestName; params: unknown }> = [];
  const listeners = new Map<EventName, Set<Listener>>();
  const client = {
    mode: 'web',
    request: async <M extends RequestName>(method: M, params: RequestParams<M>) => {
      calls.push({ method, params });
      const handler = handlers[method];
      if (!handler) throw new Error(`no fake for ${method}`);
      return handler(params as never);
    },
    on: (event: EventName, listener: Listener) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
    clipAudioUrl: (id: number) => `/clips/${id}`,
    recordingAudioUrl: (id: number, from: number, to: number) => `/recordings/${id}/${from}-${to}`,
    augmentedAudioUrl: (id: number, kind: string) => `/clips/${id}/${kind}`,
    pickFolder: async () => null,
    modelFileUrl: (runId: number, file: string) => `/models/${runId}/${file}`,
    pickSaveFolder: async () => null,
    uploadFiles: null,
    resolveUrl: (url: string) => url,
    ...extra,
  } as unknown as AppClient;
  function emit<E extends EventName>(event: E, payload: StudioEvents[E]): void {
    for (const listener of listeners.get(event) ?? []) listener(payload as never);
  }
  /** The requests of one method, in order. */
  const sent = (method: RequestName) => calls.filter((c) => c.method === method).map((c) => c.params);
  return { client, calls, emit, sent };
}

/** A promise with its resolve and reject at hand. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function row(id: number): ClipRow {
  return { id, path: `/data/${id}.wav`, name: `${id}.wav`, speaker: '08', label: null } as unknown as ClipRow;
}

export function detail(id: number): ClipDetail {
  return { ...row(id), history: [] } as unknown as ClipDetail;
}

/** Lets pending promise callbacks run (a request's `await` chain) without settling anything new. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
