/**
 * What the `studio://app/...` scheme answers, without Electron (tested in Node): the renderer's files with
 * their CSP, and the same media paths as web mode (clip audio, augmented previews, model files, report zip).
 */
import fs from 'node:fs';
import { contentSecurityPolicy } from '../common/csp.js';
import {
  AUGMENT_KINDS,
  ELECTRON_MEDIA_BASE,
  RECORDING_AUDIO_ROUTE,
  type AugmentKind,
} from '../common/media-urls.js';
import { httpStatusOf, toPublicError } from '../core/studio/errors.js';
import { fileMimeOf } from '../core/studio/mime.js';
import type { StudioService } from '../core/studio/service.js';
import { resolveStatic } from '../server/static-files.js';

export interface ProtocolReply {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export const ELECTRON_CSP = contentSecurityPolicy();

const text = (status: number, message: string): ProtocolReply => ({
  status,
  headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  body: new TextEncoder().encode(message),
});

const bytes = (body: Uint8Array, mime: string, extra: Record<string, string> = {}): ProtocolReply => ({
  status: 200,
  headers: { 'Content-Type': mime, 'Cache-Control': 'no-store', ...extra },
  body,
});

async function media(service: StudioService, pathname: string): Promise<ProtocolReply | null> {
  let m: RegExpExecArray | null;
  if ((m = /^\/api\/clips\/(\d+)\/audio$/.exec(pathname))) {
    const r = await service.clipAudio(Number(m[1]));
    return bytes(r.bytes, r.mime);
  }
  if ((m = /^\/api\/clips\/(\d+)\/augmented\/([a-z]+)$/.exec(pathname))) {
    if (!AUGMENT_KINDS.includes(m[2] as AugmentKind)) return text(400, `unknown augmentation: ${m[2]}`);
    return bytes(await service.augmentedAudio(Number(m[1]), m[2] as AugmentKind), 'audio/wav');
  }
  if ((m = RECORDING_AUDIO_ROUTE.exec(pathname)))
    return bytes(await service.recordingAudio(Number(m[1]), Number(m[2]), Number(m[3])), 'audio/wav');
  if ((m = /^\/api\/models\/(\d+)\/([^/]+)$/.exec(pathname))) {
    const r = await service.modelFile(Number(m[1]), decodeURIComponent(m[2]));
    return bytes(r.bytes, r.mime);
  }
  if ((m = /^\/api\/runs\/(\d+)\/report\.zip$/.exec(pathname))) {
    const r = await service.reportZip(Number(m[1]));
    return bytes(r.bytes, 'application/zip', { 'Content-Disposition': `attachment; filename="${r.name}"` });
  }
  return pathname.startsWith('/api/') ? text(404, `no such route: ${pathname}`) : null;
}

/**
 * `allowOrigin`: in development the page comes from the Vite dev server (http://localhost:...), so its
 * fetches of studio:// media are cross-origin and need this one origin allowed; the packaged app is same-origin.
 */
export async function answerStudioUrl(
  service: StudioService,
  rendererDir: string,
  rawUrl: string,
  opts: { allowOrigin?: string } = {},
): Promise<ProtocolReply> {
  const reply = await answer(service, rendererDir, rawUrl);
  if (opts.allowOrigin) reply.headers['Access-Control-Allow-Origin'] = opts.allowOrigin;
  return reply;
}

async function answer(service: StudioService, rendererDir: string, rawUrl: string): Promise<ProtocolReply> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return text(400, 'bad URL');
  }
  if (`${url.protocol}//${url.host}` !== ELECTRON_MEDIA_BASE) return text(404, 'unknown host');
  try {
    // Checked once here so no route below meets a URIError (which would surface as a 500).
    decodeURIComponent(url.pathname);
  } catch {
    return text(400, 'bad URL: malformed percent-encoding');
  }
  try {
    const fromMedia = await media(service, url.pathname);
    if (fromMedia) return fromMedia;
  } catch (err) {
    const pub = toPublicError(err);
    return text(httpStatusOf(pub.code), pub.message);
  }
  const file = resolveStatic(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
  if (!file) return text(404, 'not found');
  const headers: Record<string, string> = { 'Content-Type': fileMimeOf(file) };
  if (file.endsWith('.html')) headers['Content-Security-Policy'] = ELECTRON_CSP;
  return { status: 200, headers, body: new Uint8Array(await fs.promises.readFile(file)) };
}
