import { once } from 'node:events';
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

/** A client that hung up mid-body: the error api.ts's hang-up test recognises. */
function hungUp(): Error {
  return Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
}

/**
 * Hands each chunk of a request body to `take`, refusing (413) as soon as the body passes `limit` bytes: at
 * once when its Content-Length says so, else when the bytes sent without one (chunked) pass it. One check
 * for both. The refused body is left to drain rather than the request destroyed, so the client reads the 413
 * instead of a reset connection (and the refusal is not mistaken for a client hanging up). `take` may
 * return a promise to hold the body back until it is written.
 */
function readChunks(
  req: IncomingMessage,
  limit: number,
  what: string,
  take: (chunk: Buffer) => void | Promise<void>,
): Promise<number> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(new HttpError(413, `${what} too large: ${declared} bytes, the limit is ${limit}`));
  }
  return new Promise<number>((resolve, reject) => {
    let size = 0;
    const settle = (err: Error | null): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      if (err) reject(err);
      else resolve(size);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        settle(new HttpError(413, `${what} too large: more than ${limit} bytes`));
        req.resume();
        return;
      }
      const written = take(chunk);
      if (written instanceof Promise) {
        req.pause();
        written.then(
          () => req.resume(),
          (err: unknown) => settle(err instanceof Error ? err : new Error(String(err))),
        );
      }
    };
    const onEnd = (): void => settle(null);
    const onError = (err: Error): void => settle(err);
    const onClose = (): void => settle(req.complete ? null : hungUp());
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** Reads a whole request body, refusing (413) as soon as it passes `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const size = await readChunks(req, limit, 'request body', (chunk) => {
    chunks.push(chunk);
  });
  return Buffer.concat(chunks, size);
}

export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const body = await readBody(req, limit);
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON');
  }
}

/** Streams a request body into a file (already created), deleting it if the body passes `limit`. */
export async function saveBody(req: IncomingMessage, file: string, limit: number): Promise<number> {
  const out = fs.createWriteStream(file, { flags: 'w' });
  try {
    try {
      return await readChunks(req, limit, 'upload', (chunk) =>
        out.write(chunk) ? undefined : once(out, 'drain').then(() => undefined),
      );
    } finally {
      await new Promise<void>((resolve, reject) =>
        out.end((err?: Error | null) => (err ? reject(err) : resolve())),
      );
    }
  } catch (err) {
    await fs.promises.rm(file, { force: true });
    throw err;
  }
}
