import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentSecurityPolicy } from '../common/csp.js';
import { fileMimeOf } from '../core/studio/mime.js';
import { sendError } from './respond.js';

/**
 * Resolves a URL path to a file inside `root`, or null when it would leave it (`..`, encoded slashes,
 * absolute paths, NUL bytes) or names something that isn't a regular file.
 */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rel = decoded.replace(/^\/+/, '') || 'index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, rel);
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  // A symlink inside the build pointing elsewhere would be a way out too.
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return null;
  }
  const realBase = fs.realpathSync(base);
  if (!real.startsWith(realBase + path.sep)) return null;
  return fs.statSync(real).isFile() ? real : null;
}

/** Paths the app itself may use (plain words): anything odder that isn't a file is a 404, not the app. */
const APP_ROUTE = /^\/([A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*)?$/;

/** Serves the built renderer with its CSP; paths without an extension fall back to index.html (app routes). */
export function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, urlPath: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendError(res, 405, 'method not allowed');
    return;
  }
  let file = resolveStatic(root, urlPath);
  if (!file && APP_ROUTE.test(urlPath)) file = resolveStatic(root, '/index.html');
  if (!file) {
    sendError(res, 404, 'not found');
    return;
  }
  const isHtml = file.endsWith('.html');
  const headers: Record<string, string | number> = {
    'Content-Type': fileMimeOf(file),
    'Content-Length': fs.statSync(file).size,
    // Vite's hashed assets never change; the HTML must always be fresh to point at the current ones.
    'Cache-Control': isHtml
      ? 'no-store'
      : urlPath.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
  };
  if (isHtml) {
    headers['Content-Security-Policy'] = contentSecurityPolicy();
    headers['Permissions-Policy'] = 'microphone=(self), camera=(), geolocation=()';
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(file).pipe(res);
}
