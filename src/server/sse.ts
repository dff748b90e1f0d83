import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StudioService } from '../core/studio/service.js';

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events: each StudioEvents event goes to every open stream as `event: <name>` with its JSON
 * payload. Comment heartbeats keep proxies and idle timeouts from closing a quiet stream; a closed
 * connection unsubscribes at once.
 */
export class EventStreams {
  private readonly open = new Set<ServerResponse>();

  constructor(private readonly heartbeatMs = HEARTBEAT_MS) {}

  get size(): number {
    return this.open.size;
  }

  attach(req: IncomingMessage, res: ServerResponse, service: StudioService): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    this.open.add(res);
    const unsubscribe = service.onAny((event, payload) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), this.heartbeatMs);
    heartbeat.unref();
    const cleanup = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
    };
    req.on('close', cleanup);
    res.on('close', cleanup);
  }

  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
