import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OperonDecodeError, OperonTransportError } from '../../lib/index.js';
import type { OperonRequest } from '../../lib/http/operon-request.interface.js';
import { bootOperon, type OperonTestApp } from '../support/operon-app.js';

// The module's lean axios adapter at the byte level: what it sends, what
// it decodes, and how a connection dropped halfway through an answer
// fails. A raw `node:http` server, because the emulator and the stub
// server always answer with whole, uncompressed bodies.

type Handler = NonNullable<Parameters<typeof createServer>[1]>;
const ANSWER_EMPTY_OBJECT: Handler = (_req, res) => res.end('{}');
let handler = ANSWER_EMPTY_OBJECT;
let server: Server;
let url: string;
const seen: { headers: Record<string, unknown>; raw: Buffer }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ headers: req.headers, raw: Buffer.concat(chunks) });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let app: OperonTestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  seen.length = 0;
  handler = ANSWER_EMPTY_OBJECT;
});

async function send(req: Partial<OperonRequest> = {}) {
  app ??= await bootOperon({
    clientId: 'id',
    clientSecret: 'secret',
    baseUrl: `${url}/client-api`,
    tokenUrl: `${url}/oauth2/token`,
    retry: false,
    httpTimeoutMs: 2_000,
    logger: false,
  });
  return app.http.send({
    method: 'GET',
    url: `${url}/client-api/v1/interactions`,
    token: 'tok',
    ...req,
  });
}

describe('what the adapter sends', () => {
  it('a JSON body with its length, type and the module headers', async () => {
    await send({ method: 'POST', json: { a: 'é' } });
    const { headers, raw } = seen[0]!;
    expect(raw.toString('utf8')).toBe('{"a":"é"}');
    expect(headers).toMatchObject({
      'content-length': String(Buffer.byteLength('{"a":"é"}')),
      'content-type': 'application/json',
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate, br',
      'user-agent': 'nestjs-operon',
      authorization: 'Bearer tok',
    });
  });

  it('raw bytes exactly as given', async () => {
    const bytes = Buffer.from([0x00, 0xff, 0x7b, 0x0a]);
    await send({ method: 'POST', body: bytes });
    expect(seen[0]!.raw.equals(bytes)).toBe(true);
    expect(seen[0]!.headers['content-length']).toBe('4');
  });

  it('the path and query string of the URL, escapes kept', async () => {
    handler = (req, res) => res.end(JSON.stringify({ url: req.url }));
    const res = await send({ url: `${url}/client-api/v1/x?page=2&y=%3A` });
    expect(res.data).toEqual({ url: '/client-api/v1/x?page=2&y=%3A' });
  });
});

describe('what the adapter decodes', () => {
  const json = JSON.stringify({ data: [{ id: 'x'.repeat(2_000) }] });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('a %s-encoded answer', async (encoding, compress) => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-encoding': encoding });
      res.end(compress(Buffer.from(json)));
    };
    const res = await send();
    expect(res.data).toEqual(JSON.parse(json));
  });

  it('a corrupt gzip answer is a transport error, not a crash', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end('not gzip at all');
    };
    await expect(send()).rejects.toBeInstanceOf(OperonTransportError);
  });

  it('headers come back lower-cased, repeated ones kept', async () => {
    handler = (_req, res) => {
      res.setHeader('X-Request-Id', 'r-1');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.end('{}');
    };
    const res = await send();
    expect(res.headers['x-request-id']).toBe('r-1');
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('an answer cut off halfway is a transport error (ECONNRESET)', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('{"data": [');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const error = await send().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperonTransportError);
    expect(error).toMatchObject({ code: 'ECONNRESET', timedOut: false });
  });

  it('a 2xx that is not JSON stays a decode error', async () => {
    handler = (_req, res) => res.end('<html></html>');
    await expect(send()).rejects.toBeInstanceOf(OperonDecodeError);
  });
});
