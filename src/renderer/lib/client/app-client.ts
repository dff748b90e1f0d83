import type { StudioClient } from '../../../common/client.js';

/** A failed request, with the message the engine or the transport gave. */
export class ClientError extends Error {
  override readonly name = 'ClientError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export type UploadProgress = (done: number, total: number, file: string) => void;

/**
 * The contract's StudioClient plus the few things only one shell can do. Screens hold this; they never ask
 * which transport is underneath except through these capability fields.
 */
export interface AppClient extends StudioClient {
  /** Web mode: sends browser-picked files to the server and returns the folder to import. Null in Electron. */
  readonly uploadFiles: ((files: File[], onProgress?: UploadProgress) => Promise<string>) | null;
  /** Makes a server-relative URL (e.g. a report download) usable by the browser (adds the token). */
  resolveUrl(url: string): string;
}
