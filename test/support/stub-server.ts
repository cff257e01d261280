import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request as the stub saw it. */
export interface StubRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** `performance.now()` when the body had arrived (immune to fake Date). */
  receivedAt: number;
}

/** What a stub handler answers. */
export interface StubReply {
  status?: number;
  body?: string | object;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Destroy the socket instead of answering. */
  reset?: boolean;
  /** Send the headers at once, then the body one byte every this many ms. */
  trickleMs?: number;
}

type Handler = (req: StubRequest) => StubReply | Promise<StubReply>;

/**
 * A tiny programmable HTTP server on 127.0.0.1, for the cases the emulator
 * cannot produce (odd error bodies, odd token lifetimes).
 */
export class StubServer {
  readonly requests: StubRequest[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    public handler: Handler,
  ) {}

  static async start(handler: Handler): Promise<StubServer> {
    const stub: StubServer = new StubServer(createServer(), handler);
    stub.server.on('request', (req, res) => void stub.handle(req, res));
    stub.server.on('connection', (socket) => {
      stub.sockets.add(socket);
      socket.on('close', () => stub.sockets.delete(socket));
    });
    await new Promise<void>((resolve) =>
      stub.server.listen(0, '127.0.0.1', resolve),
    );
    return stub;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Client connections currently open (keep-alive sockets included). */
  get openConnections(): number {
    return this.sockets.size;
  }

  /** Forgets the requests seen so far. */
  clear(): void {
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const seen: StubRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      receivedAt: performance.now(),
    };
    this.requests.push(seen);
    const reply = await this.handler(seen);
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (reply.reset) {
      req.socket.destroy();
      return;
    }
    const body =
      typeof reply.body === 'object'
        ? JSON.stringify(reply.body)
        : (reply.body ?? '');
    res.writeHead(reply.status ?? 200, {
      'content-type': 'application/json',
      ...reply.headers,
    });
    if (reply.trickleMs) await trickle(res, body, reply.trickleMs);
    else res.end(body);
  }
}

async function trickle(res: ServerResponse, body: string, everyMs: number) {
  for (const char of body) {
    if (res.destroyed) return;
    res.write(char);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  res.end();
}

/** An unsigned JWT-shaped token carrying the given claims. */
export function unsignedJwt(claims: Record<string, unknown>): string {
  const enc = (v: object) =>
    Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims)}.sig`;
}
