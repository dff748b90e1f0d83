import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

function declaredLength(req: IncomingMessage, limit: number): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    throw new HttpError(413, `request body too large: ${declared} bytes, the limit is ${limit}`);
  }
}

/** Reads a whole request body, refusing (413) as soon as it passes `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  declaredLength(req, limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) {
      req.resume();
      throw new HttpError(413, `request body too large: more than ${limit} bytes`);
    }
    chunks.push(buf);
  }
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
  try {
    declaredLength(req, limit);
    const out = fs.createWriteStream(file, { flags: 'w' });
    let size = 0;
    try {
      for await (const chunk of req) {
        const buf = chunk as Buffer;
        size += buf.length;
        if (size > limit) {
          req.resume();
          throw new HttpError(413, `upload too large: more than ${limit} bytes`);
        }
        if (!out.write(buf)) await new Promise<void>((resolve) => out.once('drain', resolve));
      }
    } finally {
      await new Promise<void>((resolve, reject) =>
        out.end((err?: Error | null) => (err ? reject(err) : resolve())),
      );
    }
    return size;
  } catch (err) {
    await fs.promises.rm(file, { force: true });
    throw err;
  }
}
