import type { EventName, RequestName, RequestParams, RequestResult, StudioEvents } from './contract.js';

/**
 * What the renderer holds: the same interface over Electron IPC (window.studio, from the preload) and over
 * HTTP + server-sent events in web mode. `on()` returns its own unsubscribe function.
 */
export interface StudioClient {
  readonly mode: 'electron' | 'web';
  request<M extends RequestName>(method: M, params: RequestParams<M>): Promise<RequestResult<M>>;
  on<E extends EventName>(event: E, handler: (payload: StudioEvents[E]) => void): () => void;
  /** A URL the renderer can fetch or hand to an <audio> element / wavesurfer for a clip's original audio. */
  clipAudioUrl(clipId: number): string;
  /** A stretch of a long recording (milliseconds) as a WAV: Review's view around a segment. */
  recordingAudioUrl(recordingId: number, fromMs: number, toMs: number): string;
  /** A WAV of the clip under one augmentation, for the Review screen's preview. */
  augmentedAudioUrl(clipId: number, kind: 'pitch' | 'stretch' | 'noise'): string;
  /** Opens the platform's folder picker (Electron); web mode returns null and the UI asks for a server path. */
  pickFolder(): Promise<string | null>;
  /**
   * A URL of one file of a run's model folder (model.json, weights*.bin, studio-model.json), for predicting
   * in the page; see mediaPaths.modelBase in media-urls.ts for the folder's base URL.
   */
  modelFileUrl(runId: number, file: string): string;
  /** Electron: the platform's save-folder dialog for an exported report; web mode returns null (download). */
  pickSaveFolder(defaultName: string): Promise<string | null>;
}

/** The preload exposes exactly this on window.studio; the request/response envelope over IPC. */
export interface StudioBridge {
  request(
    method: string,
    params: unknown,
  ): Promise<{ ok: true; result: unknown } | { ok: false; error: string }>;
  subscribe(handler: (event: string, payload: unknown) => void): () => void;
  pickFolder(): Promise<string | null>;
  pickSaveFolder(defaultName: string): Promise<string | null>;
}
