/**
 * The HTTP surface of web mode (`ser serve`), for the renderer's HTTP client and for scripts.
 * Every /api route needs the per-launch token: `Authorization: Bearer <token>` or `?token=<token>`.
 */
import type { PredictionResult } from './contract.js';

export const webRoutes = {
  /** POST, JSON params in the body; replies RpcReply. */
  rpc: (method: string): string => `/api/rpc/${method}`,
  /** GET, server-sent events: `event:` is a StudioEvents key, `data:` its JSON payload. */
  events: '/api/events',
  /**
   * POST raw bytes of one file a browser user picked. Query: name (the file's name), batch (optional: the
   * batch id returned by the first upload, so several files land in one folder). Replies UploadResult;
   * then `import.start` with `{ source: result.dir }` imports the batch.
   */
  upload: (name: string, batch?: string): string =>
    `/api/upload?name=${encodeURIComponent(name)}${batch ? `&batch=${encodeURIComponent(batch)}` : ''}`,
  /**
   * POST audio bytes (any format the audio layer decodes). Query: name (optional, a hint), runId (optional:
   * the model's run; default the model in use). A cancelled run's partial model answers with `partial: true`
   * and a warning; a run still running or failed is refused (409). Replies PredictReply.
   */
  predict: (opts: { name?: string; runId?: number } = {}): string => {
    const q = new URLSearchParams();
    if (opts.name) q.set('name', opts.name);
    if (opts.runId !== undefined) q.set('runId', String(opts.runId));
    const s = q.toString();
    return s ? `/api/predict?${s}` : '/api/predict';
  },
  /**
   * POST the bytes of one take (a 16 kHz mono WAV) for `record.saveTake`. Query: sessionId, index, replace
   * (1 to retake a kept take). Replies RpcReply with record.saveTake's result.
   */
  recordTake: (p: { sessionId: number; index: number; replace?: boolean }): string =>
    `/api/record/take?sessionId=${p.sessionId}&index=${p.index}${p.replace ? '&replace=1' : ''}`,
};

export type RpcReply<T = unknown> = { ok: true; result: T } | { ok: false; error: string };
export interface UploadResult {
  batch: string;
  /** The batch folder on the server: pass it to import.start. */
  dir: string;
  path: string;
  bytes: number;
}
export type PredictReply = { ok: true; result: PredictionResult } | { ok: false; error: string };

/** Largest upload or predict body the server accepts (bytes). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
export const MAX_PREDICT_BYTES = 50 * 1024 * 1024;
export const MAX_RPC_BYTES = 2 * 1024 * 1024;
/** A take is at most two minutes of 16 kHz 16-bit mono (3.8 MB); room for a header and a little more. */
export const MAX_TAKE_BYTES = 8 * 1024 * 1024;
