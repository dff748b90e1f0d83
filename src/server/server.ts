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

/** What answering a request needs: the service, the credentials and where the app's files are. */
interface Routing {
  service: StudioService;
  staticDir: string | null;
  token: string;
  /** The port the server listens on (known once it listens). */
  port: () => number;
  launches: LaunchCodes;
  streams: EventStreams;
  log: (message: string) => void;
  debug?: (message: string) => void;
}

/** The request's URL; only origin-form targets ("/path?query"): resolving "//x/y" against a base would change the host. */
function originFormUrl(req: http.IncomingMessage, port: number): URL | null {
  if (!req.url?.startsWith('/')) return null;
  try {
    return new URL(`http://${HOST}:${port}${req.url}`);
  } catch {
    return null;
  }
}

/** A launch link: its one-time code traded for the token in a cookie, then the app. */
function redeemLaunch(routing: Routing, code: string, res: http.ServerResponse): void {
  if (!routing.launches.redeem(code)) {
    sendError(
      res,
      403,
      'this launch link was used already or has expired: open the URL printed by `ser serve`',
    );
    return;
  }
  res.writeHead(303, {
    Location: '/',
    'Set-Cookie': sessionCookie(routing.port(), routing.token),
    'Cache-Control': 'no-store',
  });
  res.end();
}

function routeApi(routing: Routing, req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
  const port = routing.port();
  if (!hasValidToken(req, url, routing.token, port)) {
    sendError(res, 401, 'missing or wrong token: open the URL printed by `ser serve`');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD' && !isSameOriginRequest(req, port)) {
    sendError(res, 403, 'refused: a state-changing request from another site');
    return;
  }
  const { service, streams, log, debug } = routing;
  void handleApi({ service, streams, log, debug }, req, res, url);
}

function route(routing: Routing, req: http.IncomingMessage, res: http.ServerResponse): void {
  baseHeaders(res);
  const port = routing.port();
  const url = originFormUrl(req, port);
  if (url === null) {
    sendError(res, 400, 'bad request URL');
  } else if (!isLoopbackHost(req.headers.host, port)) {
    sendError(res, 403, 'this server only answers requests addressed to 127.0.0.1 or localhost');
  } else if (url.searchParams.get('launch') !== null && url.pathname === '/') {
    redeemLaunch(routing, url.searchParams.get('launch') as string, res);
  } else if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
    routeApi(routing, req, res, url);
  } else if (!routing.staticDir) {
    sendError(res, 404, 'the renderer is not served by this instance');
  } else {
    serveStatic(req, res, routing.staticDir, url.pathname);
  }
}

function listen(server: http.Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops accepting and ends the event streams; whatever is still mid-request after a moment is cut. */
function closer(server: http.Server, streams: EventStreams): () => Promise<void> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  let closing: Promise<void> | null = null;
  return () =>
    (closing ??= new Promise<void>((resolve) => {
      streams.closeAll();
      server.close(() => resolve());
      server.closeIdleConnections();
      // Shutdown must not hang on a slow client.
      setTimeout(() => {
        for (const s of sockets) s.destroy();
      }, 1000).unref();
    }));
}

export async function startServer(opts: StudioServerOptions): Promise<StudioServer> {
  const token = opts.token ?? newToken();
  const streams = new EventStreams();
  const launches = new LaunchCodes();
  let port = 0;
  const routing: Routing = {
    service: opts.service,
    staticDir: opts.staticDir,
    token,
    port: () => port,
    launches,
    streams,
    log: opts.log ?? ((m: string) => process.stderr.write(`${m}\n`)),
    debug:
      opts.debug ??
      (process.env.SER_DEBUG ? (m: string) => process.stderr.write(`debug: ${m}\n`) : undefined),
  };
  const server = http.createServer((req, res) => route(routing, req, res));
  const close = closer(server, streams);
  // A client that stalls mid-request must not hold a connection forever.
  server.requestTimeout = 5 * 60_000;
  server.headersTimeout = 30_000;
  await listen(server, opts.port ?? 0);
  const address = server.address() as AddressInfo;
  port = address.port;
  return {
    host: address.address,
    port,
    token,
    url: `http://${HOST}:${port}/?token=${token}`,
    launchUrl: () => `http://${HOST}:${port}/?launch=${launches.issue()}`,
    get openStreams() {
      return streams.size;
    },
    close,
  };
}
