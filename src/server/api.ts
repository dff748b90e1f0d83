import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AUGMENT_KINDS, RECORDING_AUDIO_ROUTE, type AugmentKind } from '../common/media-urls.js';
import { VoiceStatsSchema, type VoiceStatsParams } from '../common/contract.js';
import { errorMessage } from '../common/error-message.js';
import {
  decodeVoiceHeader,
  MAX_PREDICT_BYTES,
  MAX_RPC_BYTES,
  MAX_TAKE_BYTES,
  MAX_UPLOAD_BYTES,
  VOICE_HEADER,
  type UploadResult,
} from '../common/web-api.js';
import { httpStatusOf, toPublicError } from '../core/studio/errors.js';
import type { StudioService } from '../core/studio/service.js';
import { readBody, readJson, saveBody } from './body.js';
import { HttpError } from './http-error.js';
import { sendBytes, sendError, sendJson } from './respond.js';
import type { EventStreams } from './sse.js';

export interface ApiContext {
  service: StudioService;
  streams: EventStreams;
  log: (message: string) => void;
  /** What only someone debugging the server wants (a client that hung up); default nowhere. */
  debug?: (message: string) => void;
}

/** A client that closed its connection mid-request (a cancelled upload, a closed tab): not our failure. */
function isClientHangUp(err: unknown, req: IncomingMessage): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === 'ECONNRESET' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    (err instanceof Error && err.message === 'aborted') ||
    (req.destroyed && !req.complete)
  );
}

type Route = {
  method: 'GET' | 'POST';
  pattern: RegExp;
  run: (
    ctx: ApiContext,
    req: IncomingMessage,
    res: ServerResponse,
    m: RegExpExecArray,
    url: URL,
  ) => Promise<void> | void;
};

function idOf(text: string, what = 'id'): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new HttpError(400, `bad ${what}: ${text}`);
  return n;
}

/** A query parameter the route cannot do without: absent or empty is the caller's mistake, named. */
function requiredId(url: URL, name: string): number {
  const v = url.searchParams.get(name);
  if (v === null || v === '') throw new HttpError(400, `missing query parameter ${name}`);
  return idOf(v, name);
}

/** The voice statistics a request carries in its VOICE_HEADER, checked against the contract. */
function voiceOf(req: IncomingMessage): VoiceStatsParams | undefined {
  const raw = req.headers[VOICE_HEADER];
  if (raw === undefined) return undefined;
  try {
    return VoiceStatsSchema.parse(decodeVoiceHeader(Array.isArray(raw) ? raw[0] : raw));
  } catch (err) {
    throw new HttpError(400, `the ${VOICE_HEADER} header is not a voice's statistics (${errorMessage(err)})`);
  }
}

function optionalRunId(url: URL): number | undefined {
  const v = url.searchParams.get('runId');
  return v === null || v === '' ? undefined : idOf(v);
}

const ROUTES: Route[] = [
  {
    method: 'POST',
    pattern: /^\/api\/rpc\/([A-Za-z]+\.[A-Za-z]+)$/,
    run: async ({ service }, req, res, m) => {
      const params = await readJson(req, MAX_RPC_BYTES);
      const result = await service.handle(m[1], params);
      sendJson(res, 200, { ok: true, result });
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/events$/,
    run: ({ service, streams }, req, res) => streams.attach(req, res, service),
  },
  {
    method: 'GET',
    pattern: /^\/api\/clips\/(\d+)\/audio$/,
    run: async ({ service }, req, res, m) => {
      const { bytes, mime } = await service.clipAudio(idOf(m[1]));
      sendBytes(req, res, bytes, mime);
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/clips\/(\d+)\/augmented\/([a-z]+)$/,
    run: async ({ service }, req, res, m) => {
      const kind = m[2] as AugmentKind;
      if (!AUGMENT_KINDS.includes(kind)) {
        throw new HttpError(400, `unknown augmentation "${m[2]}": use one of ${AUGMENT_KINDS.join(', ')}`);
      }
      sendBytes(req, res, await service.augmentedAudio(idOf(m[1]), kind), 'audio/wav');
    },
  },
  {
    method: 'GET',
    pattern: RECORDING_AUDIO_ROUTE,
    run: async ({ service }, req, res, m) => {
      sendBytes(req, res, await service.recordingAudio(idOf(m[1]), idOf(m[2]), idOf(m[3])), 'audio/wav');
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/predict\/timeline$/,
    run: async ({ service }, req, res, _m, url) => {
      const runId = optionalRunId(url);
      const body = await readBody(req, MAX_UPLOAD_BYTES);
      const voice = url.searchParams.get('voice') ?? 'recording';
      const speaker = url.searchParams.get('speaker')?.trim() || undefined;
      const result = await service.handle('predict.timeline', {
        name: url.searchParams.get('name') ?? '',
        data: new Uint8Array(body),
        voice,
        ...(speaker ? { speaker } : {}),
        ...(runId === undefined ? {} : { runId }),
      });
      sendJson(res, 200, { ok: true, result });
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/runs\/(\d+)\/report\.zip$/,
    run: async ({ service }, req, res, m) => {
      const { bytes, name } = await service.reportZip(idOf(m[1]));
      sendBytes(req, res, bytes, 'application/zip', {
        'Content-Disposition': `attachment; filename="${name}"`,
      });
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/models\/(\d+)\/([^/]+)$/,
    run: async ({ service }, req, res, m) => {
      let name: string;
      try {
        name = decodeURIComponent(m[2]);
      } catch {
        throw new HttpError(400, 'bad file name');
      }
      const { bytes, mime } = await service.modelFile(idOf(m[1]), name);
      sendBytes(req, res, bytes, mime);
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/upload$/,
    run: async ({ service }, req, res, _m, url) => {
      const name = url.searchParams.get('name');
      if (!name) throw new HttpError(400, 'upload needs ?name= (the file name)');
      const target = service.reserveUpload(name, url.searchParams.get('batch') ?? undefined);
      let bytes: number;
      try {
        bytes = await saveBody(req, target.path, MAX_UPLOAD_BYTES);
      } catch (err) {
        // A refused or abandoned first upload leaves no empty batch folder behind (a fuller one stays).
        await fs.promises.rmdir(target.dir).catch(() => {});
        throw err;
      }
      const result: UploadResult = { batch: target.batch, dir: target.dir, path: target.path, bytes };
      sendJson(res, 200, { ok: true, result });
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/predict$/,
    run: async ({ service }, req, res, _m, url) => {
      const runId = optionalRunId(url);
      const body = await readBody(req, MAX_PREDICT_BYTES);
      // ?speaker=NAME: a project speaker's voice, as evaluation's known-voice score measured it; or the
      // voice heard so far in a header.
      const speaker = url.searchParams.get('speaker')?.trim() || undefined;
      const voice = voiceOf(req);
      if (speaker && voice) throw new HttpError(400, 'give a speaker or a voice, not both');
      const result = await service.predict(url.searchParams.get('name') ?? '', new Uint8Array(body), runId, {
        speaker,
        voice,
      });
      sendJson(res, 200, { ok: true, result });
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/predict\/voice$/,
    run: async ({ service }, req, res, _m, url) => {
      const runId = optionalRunId(url);
      const body = await readBody(req, MAX_PREDICT_BYTES);
      const result = await service.handle('predict.addToVoice', {
        name: url.searchParams.get('name') ?? '',
        data: new Uint8Array(body),
        voice: voiceOf(req) ?? null,
        ...(runId === undefined ? {} : { runId }),
      });
      sendJson(res, 200, { ok: true, result });
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/record\/take$/,
    run: async ({ service }, req, res, _m, url) => {
      const sessionId = requiredId(url, 'sessionId');
      const index = requiredId(url, 'index');
      const body = await readBody(req, MAX_TAKE_BYTES);
      const replace = url.searchParams.get('replace') === '1';
      const result = await service.handle('record.saveTake', {
        sessionId,
        index,
        replace,
        data: new Uint8Array(body),
      });
      sendJson(res, 200, { ok: true, result });
    },
  },
];

/** Dispatches an authenticated /api request; every failure becomes `{ ok: false, error }` with its status. */
export async function handleApi(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  try {
    const matching = ROUTES.map((r) => ({ r, m: r.pattern.exec(url.pathname) })).filter((x) => x.m !== null);
    if (matching.length === 0) throw new HttpError(404, `no such API route: ${url.pathname}`);
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const route = matching.find((x) => x.r.method === method);
    if (!route) {
      res.setHeader('Allow', [...new Set(matching.map((x) => x.r.method))].join(', '));
      throw new HttpError(405, `${req.method} is not allowed on ${url.pathname}`);
    }
    await route.r.run(ctx, req, res, route.m as RegExpExecArray, url);
  } catch (err) {
    if (isClientHangUp(err, req)) {
      ctx.debug?.(`${req.method} ${url.pathname}: the client hung up`);
      res.destroy();
      return;
    }
    if (err instanceof HttpError) {
      sendError(res, err.status, err.message);
      return;
    }
    const pub = toPublicError(err);
    if (pub.code === 'internal')
      ctx.log(
        `${req.method} ${url.pathname}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
    sendError(res, httpStatusOf(pub.code), pub.message);
  }
}
