import { ClientError } from './app-client.js';

/** Both transports answer `{ ok: true, result } | { ok: false, error }`; this narrows an unknown reply. */
export function unwrapEnvelope(reply: unknown, method: string, status?: number): unknown {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    const env = reply as { ok: unknown; result?: unknown; error?: unknown };
    if (env.ok === true) return env.result;
    const error = typeof env.error === 'string' ? env.error : `${method} failed`;
    throw new ClientError(error, status);
  }
  throw new ClientError(`${method}: the server sent an unexpected reply`, status);
}
