/**
 * The HTTP surface of web mode (`ser serve`), for the renderer's HTTP client and for scripts.
 * Every /api route needs the per-launch token: `Authorization: Bearer <token>` or `?token=<token>`.
 */
import type { PredictionResult, VoiceStatsParams } from './contract.js';

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
   * the model's run; default the model in use), speaker (optional: a project speaker, scored with that
   * speaker's statistics). The header VOICE_HEADER may carry the statistics of the voice heard so far instead
   * (encodeVoiceHeader). A cancelled run's partial model answers with `partial: true` and a warning; a run
   * still running or failed is refused (409). Replies PredictReply.
   */
  predict: (opts: { name?: string; runId?: number; speaker?: string } = {}): string =>
    withQuery('/api/predict', opts),
  /**
   * POST audio bytes of one clip of a voice; the header VOICE_HEADER carries the voice so far (none: a new
   * one). Query: name, runId as for predict. Replies RpcReply with the voice's statistics, the clip added.
   */
  addToVoice: (opts: { name?: string; runId?: number } = {}): string => withQuery('/api/predict/voice', opts),
  /**
   * POST the bytes of a long recording (up to the upload limit). Query: name, runId as for predict; voice
   * ('recording', the default: each utterance with the voice heard before it; 'none'); speaker (a project
   * speaker's statistics for every utterance). Replies RpcReply with a TimelineResult.
   */
  timeline: (opts: { name?: string; runId?: number; voice?: string; speaker?: string } = {}): string =>
    withQuery('/api/predict/timeline', opts),
  /**
   * POST the bytes of one take (a 16 kHz mono WAV) for `record.saveTake`. Query: sessionId, index, replace
   * (1 to retake a kept take). Replies RpcReply with record.saveTake's result.
   */
  recordTake: (p: { sessionId: number; index: number; replace?: boolean }): string =>
    `/api/record/take?sessionId=${p.sessionId}&index=${p.index}${p.replace ? '&replace=1' : ''}`,
};

function withQuery(path: string, opts: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(opts)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** The request header that carries a voice's statistics beside raw audio. */
export const VOICE_HEADER = 'x-voice';

/** Bytes of 64-bit floats as base64: a voice's two sums in a few kilobytes, exact. */
function floatsToBase64(values: readonly number[]): string {
  const bytes = new Uint8Array(Float64Array.from(values).buffer);
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}

function base64ToFloats(text: string): number[] {
  const raw = atob(text);
  if (raw.length % 8 !== 0) throw new Error('a voice header holds whole 64-bit numbers');
  const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
  return Array.from(new Float64Array(bytes.buffer));
}

/** A voice's statistics as one header value (about 6 kB for the default features). */
export function encodeVoiceHeader(voice: VoiceStatsParams): string {
  return JSON.stringify({
    clips: voice.clips,
    seconds: voice.seconds,
    sum: floatsToBase64(voice.sum),
    sumSq: floatsToBase64(voice.sumSq),
  });
}

/** The header value back as statistics (the caller validates them against the contract's schema). */
export function decodeVoiceHeader(text: string): unknown {
  const v = JSON.parse(text) as { clips: unknown; seconds: unknown; sum: unknown; sumSq: unknown };
  if (typeof v.sum !== 'string' || typeof v.sumSq !== 'string')
    throw new Error('a voice header needs sum and sumSq');
  return { clips: v.clips, seconds: v.seconds, sum: base64ToFloats(v.sum), sumSq: base64ToFloats(v.sumSq) };
}

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
