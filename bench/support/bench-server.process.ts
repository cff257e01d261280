import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { benchBodies, benchRoute } from './bench-responses.util.js';
import type { ChildMessage, ParentMessage } from './child-process.util.js';

// A stand-in for Operon in its own process, answering every call with a
// canned, valid JSON response. On a 2-core machine the server shares the
// CPU with the client under test, so it must cost as little as possible:
// `node:http`'s server costs about as much per request as `node:http`'s
// client, which would cap the reference clients at the server's speed.
// This is a minimal HTTP/1.1 keep-alive responder on `node:net` instead:
// read the head, skip `Content-Length` body bytes, write one prebuilt
// buffer. Chunked request bodies are refused (no client here sends them).

const didDocument: unknown = JSON.parse(process.argv[2] ?? '{}');
const counts: Record<string, number> = {};
const sockets = new Set<Socket>();

const responses = new Map<string, Buffer>(
  Object.entries(benchBodies(didDocument)).map(([name, body]) => [
    name,
    response(name === 'other' ? '404 Not Found' : '200 OK', body),
  ]),
);
const lengthRequired = response('411 Length Required', {
  code: 'LENGTH_REQUIRED',
  message: 'send a Content-Length',
});

function response(status: string, body: unknown): Buffer {
  const text = Buffer.from(JSON.stringify(body));
  const head =
    `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\n` +
    `content-length: ${text.length}\r\nconnection: keep-alive\r\n` +
    'keep-alive: timeout=60\r\n\r\n';
  return Buffer.concat([Buffer.from(head, 'latin1'), text]);
}

const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i;
const CHUNKED = /\r\ntransfer-encoding:[ \t]*chunked/i;

// One complete request at `offset`: its answer and where the next starts.
function nextRequest(
  data: Buffer,
  offset: number,
): { answer: Buffer; end: number } | undefined {
  const headEnd = data.indexOf('\r\n\r\n', offset);
  if (headEnd < 0) return undefined;
  const head = data.toString('latin1', offset, headEnd);
  if (CHUNKED.test(head)) return { answer: lengthRequired, end: -1 };
  const end = headEnd + 4 + Number(CONTENT_LENGTH.exec(head)?.[1] ?? 0);
  if (end > data.length) return undefined;
  const lineEnd = head.indexOf('\r\n');
  const line = lineEnd < 0 ? head : head.slice(0, lineEnd);
  const [method = '', url = ''] = line.split(' ');
  const name = benchRoute(method, url);
  counts[name] = (counts[name] ?? 0) + 1;
  return { answer: responses.get(name)!, end };
}

function serve(socket: Socket): void {
  sockets.add(socket);
  counts.connections = (counts.connections ?? 0) + 1;
  socket.setNoDelay(true);
  let pending: Buffer | undefined;
  socket.on('data', (chunk: Buffer) => {
    const data = pending ? Buffer.concat([pending, chunk]) : chunk;
    let offset = 0;
    for (let next = nextRequest(data, 0); next;) {
      socket.write(next.answer);
      if (next.end < 0) return void socket.end();
      offset = next.end;
      next = nextRequest(data, offset);
    }
    pending = offset < data.length ? data.subarray(offset) : undefined;
  });
  socket.on('error', () => socket.destroy());
  socket.on('close', () => sockets.delete(socket));
}

const server = createServer(serve);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  send({ type: 'ready', url: `http://127.0.0.1:${port}` });
});

process.on('message', (message: ParentMessage) => {
  if (message.type === 'stats') {
    const cpu = process.cpuUsage();
    send({
      type: 'stats',
      counts: { ...counts },
      cpuUs: cpu.user + cpu.system,
    });
  } else if (message.type === 'reset') {
    for (const key of Object.keys(counts)) delete counts[key];
    send({ type: 'stats', counts: {} });
  } else if (message.type === 'stop') {
    for (const socket of sockets) socket.destroy();
    server.close(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));

function send(message: ChildMessage): void {
  process.send?.(message);
}
