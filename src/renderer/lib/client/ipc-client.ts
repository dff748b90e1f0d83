import type { StudioBridge } from '../../../common/client.js';
import type { RequestName, RequestParams, RequestResult } from '../../../common/contract.js';
import type { AppClient } from './app-client.js';
import { unwrapEnvelope } from './envelope.js';
import { EventHub } from './event-hub.js';
import { ELECTRON_MEDIA_BASE, mediaPaths } from '../../../common/media-urls.js';

/** Electron: the preload's bridge carries the same envelope; one subscription feeds every listener. */
export function createIpcClient(bridge: StudioBridge): AppClient {
  const hub = new EventHub();
  bridge.subscribe((event, payload) => hub.emit(event, payload));

  return {
    mode: 'electron',
    async request<M extends RequestName>(method: M, params: RequestParams<M>): Promise<RequestResult<M>> {
      return unwrapEnvelope(await bridge.request(method, params ?? {}), method) as RequestResult<M>;
    },
    on: (event, handler) => hub.on(event, handler),
    // Media come through the privileged studio:// scheme src/main registers, under the same paths as the web.
    clipAudioUrl: (id) => `${ELECTRON_MEDIA_BASE}${mediaPaths.clipAudio(id)}`,
    recordingAudioUrl: (id, from, to) => `${ELECTRON_MEDIA_BASE}${mediaPaths.recordingAudio(id, from, to)}`,
    augmentedAudioUrl: (id, kind) => `${ELECTRON_MEDIA_BASE}${mediaPaths.augmentedAudio(id, kind)}`,
    modelFileUrl: (runId, file) => `${ELECTRON_MEDIA_BASE}${mediaPaths.modelFile(runId, file)}`,
    pickFolder: () => bridge.pickFolder(),
    pickSaveFolder: (name) => bridge.pickSaveFolder(name),
    resolveUrl: (url) => (url.startsWith('/') ? `${ELECTRON_MEDIA_BASE}${url}` : url),
    uploadFiles: null,
  };
}
