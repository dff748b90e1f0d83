import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** How long a launch link opens the studio: long enough for a browser to start, short enough to be useless later. */
export const LAUNCH_CODE_TTL_MS = 60_000;

/**
 * One-time codes for the URL `ser serve --open` hands to the browser. A browser's command line is readable
 * by every local user (/proc/PID/cmdline), so that URL must not carry the launch's token: it carries a code
 * that works once, within a minute, and is exchanged for the token in an HttpOnly, SameSite=Strict cookie.
 */
export class LaunchCodes {
  private readonly codes = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, this.now() + LAUNCH_CODE_TTL_MS);
    return code;
  }

  /** True once per issued code, before it expires. */
  redeem(code: string): boolean {
    const expires = this.codes.get(code);
    if (expires === undefined) return false;
    this.codes.delete(code);
    return this.now() <= expires;
  }
}

/** Cookies are shared by every port of a host: each server names its own. */
export function sessionCookieName(port: number): string {
  return `ser_session_${port}`;
}

export function sessionCookie(port: number, token: string): string {
  return `${sessionCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * A state-changing request must come from the studio's own page (or from a client that is no browser and
 * sends neither header): another site's page is refused even if the browser would attach the cookie.
 */
export function isSameOriginRequest(req: IncomingMessage, port: number): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return true;
  const own = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
  return own.includes(origin.toLowerCase());
}
