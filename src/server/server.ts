import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { StudioService } from '../core/studio/service.js';
import { handleApi } from './api.js';
import { hasValidToken, isLoopbackHost, newToken } from './auth.js';
import { isSameOriginRequest, LaunchCodes, sessionCookie } from './launch.js';
import { baseHeaders, sendError } from './respond.js';
import { EventStreams } from './sse.js';
import { serveStatic } from './static-files.js';

/** Web mode listens on the loopback interface only: the studio is for the person at this machine. */
export const HOST = '127.0.0.1';

export interface StudioServerOptions {
  service: StudioService;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (out/renderer); null serves the API alone. */
  staticDir: string | null;
  /** Fixed token for tests; default a fresh random one. */
  token?: string;
  log?: (message: string) => void;
  /** Debug-level lines (clients hanging up); default stderr when SER_DEBUG is set, else nowhere. */
  debug?: (message: string) => void;
}

export interface StudioServer {
  /** The address the socket is bound to, as the OS reports it. */
  readonly host: string;
  readonly port: number;
  readonly token: string;
  /** The URL to print: the app with its token (for the person at the terminal). */
  readonly url: string;
  /**
   * A URL to hand to a browser's command line, which other local users can read: it carries a one-time
   * code, not the token, and sets the token as an HttpOnly cookie when first opened.
   */
  launchUrl(): string;
  /** Event streams currently open (for diagnostics and tests). */
  readonly openStreams: number;
  /** Stops accepting, ends event streams and open connections; does not close the service. */
  close(): Promise<void>;
}

export async function startServer(opts: StudioServerOptions): Promise<StudioServer> {
  const token = opts.token ?? newToken();
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const debug =
    opts.debug ?? (process.env.SER_DEBUG ? (m: string) => process.stderr.write(`debug: ${m}\n`) : undefined);
  const streams = new EventStreams();
  const launches = new LaunchCodes();
  const sockets = new Set<Socket>();
  let port = 0;

  const server = http.createServer((req, res) => {
    baseHeaders(res);
    let url: URL;
    try {
      // Only origin-form targets ("/path?query"); resolving "//x/y" against a base would change the host.
      if (!req.url?.startsWith('/')) throw new Error('not origin-form');
      url = new URL(`http://${HOST}:${port}${req.url}`);
    } catch {
      sendError(res, 400, 'bad request URL');
      return;
    }
    if (!isLoopbackHost(req.headers.host, port)) {
      sendError(res, 403, 'this server only answers requests addressed to 127.0.0.1 or localhost');
      return;
    }
    const launch = url.searchParams.get('launch');
    if (launch !== null && url.pathname === '/') {
      if (!launches.redeem(launch)) {
        sendError(
          res,
          403,
          'this launch link was used already or has expired: open the URL printed by `ser serve`',
        );
        return;
      }
      res.writeHead(303, {
        Location: '/',
        'Set-Cookie': sessionCookie(port, token),
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      if (!hasValidToken(req, url, token, port)) {
        sendError(res, 401, 'missing or wrong token: open the URL printed by `ser serve`');
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD' && !isSameOriginRequest(req, port)) {
        sendError(res, 403, 'refused: a state-changing request from another site');
        return;
      }
      void handleApi({ service: opts.service, streams, log, debug }, req, res, url);
      return;
    }
    if (!opts.staticDir) {
      sendError(res, 404, 'the renderer is not served by this instance');
      return;
    }
    serveStatic(req, res, opts.staticDir, url.pathname);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that stalls mid-request must not hold a connection forever.
  server.requestTimeout = 5 * 60_000;
  server.headersTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  port = address.port;

  let closing: Promise<void> | null = null;
  return {
    host: address.address,
    port,
    token,
    url: `http://${HOST}:${port}/?token=${token}`,
    launchUrl: () => `http://${HOST}:${port}/?launch=${launches.issue()}`,
    get openStreams() {
      return streams.size;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        streams.closeAll();
        server.close(() => resolve());
        server.closeIdleConnections();
        // Whatever is still mid-request after a moment is cut: shutdown must not hang on a slow client.
        setTimeout(() => {
          for (const s of sockets) s.destroy();
        }, 1000).unref();
      });
      return closing;
    },
  };
}
