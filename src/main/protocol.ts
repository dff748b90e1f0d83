import { protocol } from 'electron';
import { ELECTRON_SCHEME } from '../common/media-urls.js';
import type { StudioService } from '../core/studio/service.js';
import { answerStudioUrl } from './studio-protocol.js';

/**
 * Must run before the app is ready: `studio:` behaves like https (standard, secure origin, fetch, media
 * streaming), so the renderer loads from studio://app and fetches media same-origin, never from file://.
 */
export function registerStudioScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: ELECTRON_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        stream: true,
        codeCache: true,
        corsEnabled: true,
      },
    },
  ]);
}

export function handleStudioScheme(service: StudioService, rendererDir: string, devServerUrl?: string): void {
  const allowOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;
  protocol.handle(ELECTRON_SCHEME, async (request) => {
    const reply = await answerStudioUrl(service, rendererDir, request.url, { allowOrigin });
    return new Response(reply.body as Uint8Array<ArrayBuffer>, {
      status: reply.status,
      headers: reply.headers,
    });
  });
}
