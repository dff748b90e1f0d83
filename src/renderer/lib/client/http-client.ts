import type { EventName, RequestName, RequestParams, RequestResult } from '../../../common/contract.js';
import { ClientError, type AppClient, type UploadProgress } from './app-client.js';
import { unwrapEnvelope } from './envelope.js';
import { EventHub } from './event-hub.js';
import { mediaPaths, withToken } from '../../../common/media-urls.js';
import { encodeVoiceHeader, VOICE_HEADER, webRoutes, type UploadResult } from '../../../common/web-api.js';

const EVENT_NAMES: readonly EventName[] = [
  'import.progress',
  'import.done',
  'import.error',
  'train.progress',
  'train.epoch',
  'train.done',
  'agreement.progress',
  'dataset.changed',
];

/** Where the studio server is, and the token its /api asks for. */
interface Server {
  token: string;
  base: string;
}

type Voice = Parameters<typeof encodeVoiceHeader>[0];

const authHeaders = (server: Server, extra: Record<string, string>): Record<string, string> => ({
  ...extra,
  ...(server.token ? { Authorization: `Bearer ${server.token}` } : {}),
});

/** One request: the server's JSON answer, or a ClientError saying why there is none. */
async function send(url: string, init: RequestInit, method: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new ClientError(`${method}: the studio server is not reachable (is \`ser serve\` still running?)`);
  }
  if (res.status === 401) {
    throw new ClientError(
      'The server refused this page: open the link (with its token) printed by `ser serve`.',
      401,
    );
  }
  try {
    return await res.json();
  } catch {
    throw new ClientError(`${method}: the server answered ${res.status} without JSON`, res.status);
  }
}

/** Audio goes as raw bytes, not JSON; a voice's statistics ride along in a header. */
async function postBytes(
  server: Server,
  route: string,
  bytes: { contentType: string; data: Uint8Array; voice?: Voice | null },
  method: string,
): Promise<unknown> {
  const voiceHeader: Record<string, string> = bytes.voice
    ? { [VOICE_HEADER]: encodeVoiceHeader(bytes.voice) }
    : {};
  const body = await send(
    `${server.base}${route}`,
    {
      method: 'POST',
      headers: authHeaders(server, { 'Content-Type': bytes.contentType, ...voiceHeader }),
      body: bytes.data as Uint8Array<ArrayBuffer>,
    },
    method,
  );
  return unwrapEnvelope(body, method);
}

/** The requests whose body is raw bytes: audio to predict, to read as a timeline or to add to a voice, a take. */
function bytesRequest(server: Server, method: RequestName, params: unknown): Promise<unknown> | null {
  const audio = 'application/octet-stream';
  if (method === 'predict.audio') {
    const p = params as RequestParams<'predict.audio'>;
    const route = webRoutes.predict({ name: p.name, runId: p.runId, speaker: p.speaker });
    return postBytes(server, route, { contentType: audio, data: p.data, voice: p.voice }, 'predict');
  }
  if (method === 'predict.addToVoice') {
    const p = params as RequestParams<'predict.addToVoice'>;
    const route = webRoutes.addToVoice({ name: p.name, runId: p.runId });
    return postBytes(server, route, { contentType: audio, data: p.data, voice: p.voice }, method);
  }
  if (method === 'predict.timeline') {
    const p = params as RequestParams<'predict.timeline'>;
    const route = webRoutes.timeline({ name: p.name, runId: p.runId, voice: p.voice, speaker: p.speaker });
    return postBytes(server, route, { contentType: audio, data: p.data }, method);
  }
  if (method === 'record.saveTake') {
    const p = params as RequestParams<'record.saveTake'>;
    return postBytes(server, webRoutes.recordTake(p), { contentType: 'audio/wav', data: p.data }, method);
  }
  return null;
}

/** The one EventSource on /api/events, each event handed to the hub. */
function openEvents(server: Server, hub: EventHub): EventSource {
  const source = new EventSource(withToken(`${server.base}${webRoutes.events}`, server.token));
  for (const name of EVENT_NAMES) {
    source.addEventListener(name, (e) => {
      try {
        hub.emit(name, JSON.parse((e as MessageEvent<string>).data));
      } catch (err) {
        console.error(`bad ${name} event`, err);
      }
    });
  }
  return source;
}

/** The first upload opens a batch folder; the others join it, and the folder is imported as a whole. */
async function uploadFiles(server: Server, files: File[], onProgress?: UploadProgress): Promise<string> {
  let batch: UploadResult | null = null;
  for (const [i, file] of files.entries()) {
    onProgress?.(i, files.length, file.name);
    const body = await send(
      `${server.base}${webRoutes.upload(file.name, batch?.batch)}`,
      {
        method: 'POST',
        headers: authHeaders(server, { 'Content-Type': 'application/octet-stream' }),
        body: file,
      },
      'upload',
    );
    batch = unwrapEnvelope(body, 'upload') as UploadResult;
  }
  onProgress?.(files.length, files.length, '');
  if (!batch?.dir) throw new ClientError('upload: the server did not say where it saved the files');
  return batch.dir;
}

/**
 * Web mode: requests are `POST /api/rpc/<method>` with JSON params, events come from one EventSource on
 * `/api/events`, media URLs carry the token as a query parameter (an <audio> element can't send headers).
 */
export function createHttpClient(token: string, base = ''): AppClient {
  const server: Server = { token, base };
  let source: EventSource | null = null;
  const hub: EventHub = new EventHub(() => {
    source ??= openEvents(server, hub);
  });
  const media = (path: string): string => withToken(`${base}${path}`, token);
  return {
    mode: 'web',
    async request<M extends RequestName>(method: M, params: RequestParams<M>): Promise<RequestResult<M>> {
      const bytes = bytesRequest(server, method, params);
      if (bytes) return (await bytes) as RequestResult<M>;
      const body = await send(
        `${base}${webRoutes.rpc(method)}`,
        {
          method: 'POST',
          headers: authHeaders(server, { 'Content-Type': 'application/json' }),
          body: JSON.stringify(params ?? {}),
        },
        method,
      );
      return unwrapEnvelope(body, method) as RequestResult<M>;
    },
    on: (event, handler) => hub.on(event, handler),
    clipAudioUrl: (id) => media(mediaPaths.clipAudio(id)),
    recordingAudioUrl: (id, from, to) => media(mediaPaths.recordingAudio(id, from, to)),
    augmentedAudioUrl: (id, kind) => media(mediaPaths.augmentedAudio(id, kind)),
    modelFileUrl: (runId, file) => media(mediaPaths.modelFile(runId, file)),
    pickFolder: async () => null,
    pickSaveFolder: async () => null,
    resolveUrl: (url) => withToken(url.startsWith('/') ? `${base}${url}` : url, token),
    uploadFiles: (files, onProgress) => uploadFiles(server, files, onProgress),
  };
}
