import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { cookieValue, sessionCookieName } from './launch.js';

/** A fresh secret per launch: whoever has the printed URL may use the studio, nobody else on the machine. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * `Authorization: Bearer <token>`, or for URLs an <audio> element or EventSource fetches `?token=`, or the
 * session cookie a launch link set (`port` names it).
 */
export function hasValidToken(req: IncomingMessage, url: URL, token: string, port?: number): boolean {
  const header = req.headers.authorization;
  if (typeof header === 'string') {
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (m && same(m[1], token)) return true;
  }
  const query = url.searchParams.get('token');
  if (query !== null && same(query, token)) return true;
  const cookie = port === undefined ? undefined : cookieValue(req, sessionCookieName(port));
  return cookie !== undefined && same(cookie, token);
}

/**
 * Refuses requests whose Host isn't this loopback server: a web page on another site can't reach us through
 * DNS rebinding (its Host header would name that site), even for the static files that need no token.
 */
export function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  return allowed.includes(hostHeader.toLowerCase());
}
