import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { once } from 'node:events';
import { matchRoute, type RouteMatch } from './emulator.router.js';
import type { EmulatorRoute } from './emulator.routes.js';
import type {
  EmulatorContext,
  EmulatorReply,
} from './handlers/handler.types.js';
import { readBody } from './http/body.reader.js';
import { EmulatorHttpError } from './http/emulator-http.error.js';
import type { FaultRegistry } from './http/fault.registry.js';
import { flattenHeaders, type RequestLog } from './http/request.log.js';
import { faultReply, isPassThrough } from './http/fault.reply.js';
import { authenticate } from './http/bearer.auth.js';

// Longer than typical client agent idle timeouts, so that a client never
// reuses a socket the emulator has just closed (ECONNRESET in tests).
const KEEP_ALIVE_MS = 65_000;

function errorReply(error: EmulatorHttpError): EmulatorReply {
  return {
    status: error.status,
    body: { code: error.code, message: error.message },
    headers: error.headers,
  };
}

function write(res: ServerResponse, reply: EmulatorReply): void {
  if (res.headersSent || res.destroyed) {
    return;
  }
  const text =
    reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...reply.headers,
  });
  res.end(text);
}

/**
 * The HTTP side of the emulator: reads, logs, routes, injects faults,
 * authenticates and answers. Never throws at a client: every failure
 * becomes a JSON `{code, message}` answer.
 * @internal
 */
export class EmulatorServer {
  private readonly server: Server;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly faults: FaultRegistry,
    private readonly log: RequestLog,
    private readonly maxBodyBytes: number,
  ) {
    this.server = createServer({ keepAlive: true }, (req, res) => {
      this.process(req, res).catch(() => res.destroy());
    });
    this.server.keepAliveTimeout = KEEP_ALIVE_MS;
    this.server.headersTimeout = KEEP_ALIVE_MS + 1_000;
    this.server.on('clientError', (_error, socket: Socket) => {
      const body = '{"code":"BAD_REQUEST","message":"malformed HTTP request"}';
      if (socket.writable) {
        socket.end(
          'HTTP/1.1 400 Bad Request\r\nconnection: close\r\n' +
            'content-type: application/json; charset=utf-8\r\n' +
            `content-length: ${body.length}\r\n\r\n${body}`,
        );
      }
      socket.destroy();
    });
  }

  /** Starts listening; resolves with the bound port. */
  async listen(port: number, host: string): Promise<number> {
    this.server.listen(port, host);
    await once(this.server, 'listening');

    return (this.server.address() as AddressInfo).port;
  }

  /** Stops listening and destroys every open socket and pending delay. */
  async close(): Promise<void> {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
    const closed = new Promise<void>((resolve) =>
      this.server.close(() => resolve()),
    );
    this.server.closeAllConnections();
    await closed;
  }

  private async process(req: IncomingMessage, res: ServerResponse) {
    const { read, match } = await this.receive(req);
    if (read.aborted && !read.tooLarge) {
      return;
    }
    if (read.tooLarge) {
      return write(res, tooLarge(this.maxBodyBytes, read.aborted));
    }
    if (match.kind !== 'match') {
      return write(res, errorReply(routingError(match)));
    }
    await this.dispatch(match, req, res, read.body);
  }

  private async receive(req: IncomingMessage) {
    const timestamp = Date.now();
    const url = req.url ?? '/';
    const path = url.split('?', 1)[0] ?? '/';
    const method = req.method ?? 'GET';
    const read = await readBody(req, this.maxBodyBytes);
    const match = matchRoute(method, path);
    if (!this.log.enabled) {
      return { read, match };
    }
    this.log.record({
      method,
      path,
      url,
      routeId: match.kind === 'match' ? match.route.id : undefined,
      headers: flattenHeaders(req.headers),
      body: read.body.toString('utf8'),
      timestamp,
    });

    return { read, match };
  }

  private async dispatch(
    match: RouteMatch,
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
  ) {
    const fault = this.faults.take(match.target);
    if (fault?.latencyMs) {
      await this.sleep(fault.latencyMs);
    }
    if (fault?.reset) {
      req.socket.destroy();
      return;
    }
    if (fault !== undefined && !isPassThrough(fault)) {
      return write(res, faultReply(fault));
    }
    const reply = this.answer(match.route, match.params, req, body);
    write(res, { ...reply, headers: { ...reply.headers, ...fault?.headers } });
  }

  private answer(
    route: EmulatorRoute,
    params: Record<string, string>,
    req: IncomingMessage,
    body: Buffer,
  ): EmulatorReply {
    try {
      const claims = route.bearer ? authenticate(req, this.ctx.tokens) : {};
      const request = { method: route.method, headers: req.headers };

      return route.handler({ ...request, body, params, claims }, this.ctx);
    } catch (error) {
      if (error instanceof EmulatorHttpError) {
        return errorReply(error);
      }
      const message = error instanceof Error ? error.message : String(error);

      return errorReply(new EmulatorHttpError(500, 'INTERNAL', message));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function tooLarge(limit: number, closing: boolean): EmulatorReply {
  // Past the drain limit the socket is abandoned, so say so to the client.
  const headers: Record<string, string> = closing
    ? { connection: 'close' }
    : {};

  return errorReply(
    new EmulatorHttpError(
      413,
      'PAYLOAD_TOO_LARGE',
      `request body exceeds ${limit} bytes`,
      headers,
    ),
  );
}

function routingError(
  match: { kind: 'method'; allow: string[] } | { kind: 'none' | 'badPath' },
): EmulatorHttpError {
  if (match.kind === 'method') {
    const allow = [...new Set(match.allow)].join(', ');
    return new EmulatorHttpError(
      405,
      'METHOD_NOT_ALLOWED',
      `method not allowed; use ${allow}`,
      { allow },
    );
  }
  if (match.kind === 'badPath') {
    return new EmulatorHttpError(400, 'INVALID_PATH', 'malformed path');
  }

  return new EmulatorHttpError(404, 'NOT_FOUND', 'no such endpoint');
}
