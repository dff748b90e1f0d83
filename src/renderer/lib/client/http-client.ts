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

/**
 * Web mode: requests are `POST /api/rpc/<method>` with JSON params, events come from one EventSource on
 * `/api/events`, media URLs carry the token as a query parameter (an <audio> element can't send headers).
 */
export function createHttpClient(token: string, base = ''): AppClient {
  let source: EventSource | null = null;
  const hub = new EventHub(() => connect());

  function connect(): void {
    if (source) return;
    source = new EventSource(withToken(`${base}${webRoutes.events}`, token));
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (e) => {
        try {
          hub.emit(name, JSON.parse((e as MessageEvent<string>).data));
        } catch (err) {
          console.error(`bad ${name} event`, err);
        }
      });
    }
  }

  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...extra,
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  });

  async function send(url: string, init: RequestInit, method: string): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(url, init);
    } catch {
      throw new ClientError(
        `${method}: the studio server is not reachable (is \`ser serve\` still running?)`,
      );
    }
    if (res.status === 401) {
      throw new ClientError(
        'The server refused this page: open the link (with its token) printed by `ser serve`.',
        401,
      );
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new ClientError(`${method}: the server answered ${res.status} without JSON`, res.status);
    }
    return body;
  }

  // Audio goes as raw bytes, not JSON; a voice's statistics ride along in a header.
  async function predict(params: RequestParams<'predict.audio'>): Promise<unknown> {
    const body = await send(
      `${base}${webRoutes.predict({ name: params.name, runId: params.runId, speaker: params.speaker })}`,
      {
        method: 'POST',
        headers: headers({
          'Content-Type': 'application/octet-stream',
          ...(params.voice ? { [VOICE_HEADER]: encodeVoiceHeader(params.voice) } : {}),
        }),
        body: params.data as Uint8Array<ArrayBuffer>,
      },
      'predict',
    );
    return unwrapEnvelope(body, 'predict');
  }

  async function addToVoice(params: RequestParams<'predict.addToVoice'>): Promise<unknown> {
    const body = await send(
      `${base}${webRoutes.addToVoice({ name: params.name, runId: params.runId })}`,
      {
        method: 'POST',
        headers: headers({
          'Content-Type': 'application/octet-stream',
          ...(params.voice ? { [VOICE_HEADER]: encodeVoiceHeader(params.voice) } : {}),
        }),
        body: params.data as Uint8Array<ArrayBuffer>,
      },
      'predict.addToVoice',
    );
    return unwrapEnvelope(body, 'predict.addToVoice');
  }

  async function timeline(params: RequestParams<'predict.timeline'>): Promise<unknown> {
    const body = await send(
      `${base}${webRoutes.timeline({ name: params.name, runId: params.runId, voice: params.voice, speaker: params.speaker })}`,
      {
        method: 'POST',
        headers: headers({ 'Content-Type': 'application/octet-stream' }),
        body: params.data as Uint8Array<ArrayBuffer>,
      },
      'predict.timeline',
    );
    return unwrapEnvelope(body, 'predict.timeline');
  }

  // A take's audio goes as raw bytes, as a prediction's does, not as JSON.
  async function saveTake(params: RequestParams<'record.saveTake'>): Promise<unknown> {
    const body = await send(
      `${base}${webRoutes.recordTake(params)}`,
      {
        method: 'POST',
        headers: headers({ 'Content-Type': 'audio/wav' }),
        body: params.data as Uint8Array<ArrayBuffer>,
      },
      'record.saveTake',
    );
    return unwrapEnvelope(body, 'record.saveTake');
  }

  return {
    mode: 'web',
    async request<M extends RequestName>(method: M, params: RequestParams<M>): Promise<RequestResult<M>> {
      if (method === 'predict.audio') {
        return (await predict(params as RequestParams<'predict.audio'>)) as RequestResult<M>;
      }
      if (method === 'predict.addToVoice') {
        return (await addToVoice(params as RequestParams<'predict.addToVoice'>)) as RequestResult<M>;
      }
      if (method === 'predict.timeline') {
        return (await timeline(params as RequestParams<'predict.timeline'>)) as RequestResult<M>;
      }
      if (method === 'record.saveTake') {
        return (await saveTake(params as RequestParams<'record.saveTake'>)) as RequestResult<M>;
      }
      const body = await send(
        `${base}${webRoutes.rpc(method)}`,
        {
          method: 'POST',
          headers: headers({ 'Content-Type': 'application/json' }),
          body: JSON.stringify(params ?? {}),
        },
        method,
      );
      return unwrapEnvelope(body, method) as RequestResult<M>;
    },
    on: (event, handler) => hub.on(event, handler),
    clipAudioUrl: (id) => withToken(`${base}${mediaPaths.clipAudio(id)}`, token),
    recordingAudioUrl: (id, from, to) =>
      withToken(`${base}${mediaPaths.recordingAudio(id, from, to)}`, token),
    augmentedAudioUrl: (id, kind) => withToken(`${base}${mediaPaths.augmentedAudio(id, kind)}`, token),
    modelFileUrl: (runId, file) => withToken(`${base}${mediaPaths.modelFile(runId, file)}`, token),
    pickFolder: async () => null,
    pickSaveFolder: async () => null,
    resolveUrl: (url) => withToken(url.startsWith('/') ? `${base}${url}` : url, token),
    async uploadFiles(files: File[], onProgress?: UploadProgress): Promise<string> {
      // The first upload opens a batch folder; the others join it, and the folder is imported as a whole.
      let batch: UploadResult | null = null;
      for (const [i, file] of files.entries()) {
        onProgress?.(i, files.length, file.name);
        const body = await send(
          `${base}${webRoutes.upload(file.name, batch?.batch)}`,
          { method: 'POST', headers: headers({ 'Content-Type': 'application/octet-stream' }), body: file },
          'upload',
        );
        batch = unwrapEnvelope(body, 'upload') as UploadResult;
      }
      onProgress?.(files.length, files.length, '');
      if (!batch?.dir) throw new ClientError('upload: the server did not say where it saved the files');
      return batch.dir;
    },
  };
}
