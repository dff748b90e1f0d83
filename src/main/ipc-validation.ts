/**
 * Checks on everything that crosses from the renderer into the main process. Plain TypeScript with no
 * Electron import, so it is tested in Node.
 */
import { isRequestName, parseParams, type ParsedParams, type RequestName } from '../common/contract.js';
import { ELECTRON_MEDIA_BASE } from '../common/media-urls.js';
import { errorMessage } from '../common/error-message.js';

export type ValidatedRequest =
  { ok: true; method: RequestName; params: ParsedParams<RequestName> } | { ok: false; error: string };

/** A request from the renderer: a known method with params that satisfy its schema, or a reason why not. */
export function validateIpcRequest(method: unknown, params: unknown): ValidatedRequest {
  if (typeof method !== 'string' || !isRequestName(method)) {
    return {
      ok: false,
      error: `unknown request: ${typeof method === 'string' ? method.slice(0, 100) : typeof method}`,
    };
  }
  try {
    return { ok: true, method, params: parseParams(method, params) };
  } catch (err) {
    return { ok: false, error: errorMessage(err) };
  }
}

/**
 * Only the app's own page may call the bridge: the packaged renderer under studio://app, or the Vite dev
 * server in development. A frame navigated elsewhere (it shouldn't be able to) gets nothing.
 */
export function isTrustedSender(frameUrl: string | undefined, devServerUrl?: string): boolean {
  if (!frameUrl) return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (`${url.protocol}//${url.host}` === ELECTRON_MEDIA_BASE) return true;
  if (devServerUrl) {
    try {
      return url.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}

/** A default name for the report folder the save dialog proposes. */
export function safeFolderName(name: unknown, fallback: string): string {
  if (typeof name !== 'string') return fallback;
  const cleaned = name
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .slice(0, 120)
    .trim();
  return cleaned || fallback;
}
