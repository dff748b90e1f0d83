import type { AppClient } from './app-client.js';
import { createHttpClient } from './http-client.js';
import { createIpcClient } from './ipc-client.js';
import { takeToken } from './token.js';

export type { AppClient, UploadProgress } from './app-client.js';
export { ClientError } from './app-client.js';

/** One contract, two transports: the preload's bridge when Electron provides it, else HTTP to `ser serve`. */
export function createClient(): AppClient {
  if (window.studio) return createIpcClient(window.studio);
  return createHttpClient(takeToken());
}
