import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
} from 'vitest';
import { OperonApiError } from '../../lib/index.js';
import { bootOperon, type OperonTestApp } from '../support/operon-app.js';
import { StubServer, type StubReply } from '../support/stub-server.js';

let stub: StubServer;
let answer: StubReply = {};
let app: OperonTestApp;
beforeAll(async () => {
  stub = await StubServer.start(() => answer);
  app = await bootOperon({
    clientId: 'id',
    clientSecret: 'secret',
    tokenUrl: `${stub.url}/oauth2/token`,
    baseUrl: `${stub.url}/client-api`,
    retry: false,
    logger: false,
  });
});
afterAll(async () => {
  await app.close();
  await stub.stop();
});
afterEach(() => {
  vi.useRealTimers();
  stub.clear();
});

async function failure(reply: StubReply, url = '/client-api/v1/interactions') {
  answer = reply;
  const error = await app.http
    .send({ method: 'GET', url: `${stub.url}${url}`, token: 'tok' })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(OperonApiError);
  return error as OperonApiError;
}

const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
const long = 'x'.repeat(1500);

type Row = [
  label: string,
  reply: StubReply,
  message: string,
  code: string | undefined,
];

// PROTOCOL §8.1 with the Go column (§10.2 #23).
const TABLE: Row[] = [
  [
    'object with message and code',
    {
      status: 401,
      body: { code: 'INVALID_CLIENT', message: 'invalid credentials' },
    },
    'operon: invalid credentials (INVALID_CLIENT)',
    'INVALID_CLIENT',
  ],
  [
    'message and code are trimmed',
    { status: 400, body: { code: '  BAD  ', message: '  padded  ' } },
    'operon: padded (BAD)',
    'BAD',
  ],
  [
    'object with message only',
    { status: 401, body: { message: 'unauthorised' } },
    'operon: unauthorised',
    undefined,
  ],
  [
    'object with code only → status line',
    { status: 409, body: { code: 'CORRELATION_CONFLICT' } },
    'operon: 409 Conflict (CORRELATION_CONFLICT)',
    'CORRELATION_CONFLICT',
  ],
  [
    'blank message → status line',
    { status: 404, body: { code: 'DID_NOT_FOUND', message: '  ' } },
    'operon: 404 Not Found (DID_NOT_FOUND)',
    'DID_NOT_FOUND',
  ],
  [
    'OAuth error object → status line only',
    { status: 400, body: { error: 'invalid_client', error_description: 'no' } },
    'operon: 400 Bad Request',
    undefined,
  ],
  [
    'JSON array → raw body',
    { status: 400, body: '["a","b"]' },
    'operon: ["a","b"]',
    undefined,
  ],
  [
    'JSON string → raw body',
    { status: 400, body: '"oops"' },
    'operon: "oops"',
    undefined,
  ],
  [
    'JSON number → raw body',
    { status: 500, body: '42' },
    'operon: 42',
    undefined,
  ],
  [
    'JSON null → raw body',
    { status: 500, body: 'null' },
    'operon: null',
    undefined,
  ],
  [
    'HTML text → raw body',
    { status: 502, body: html, headers: { 'content-type': 'text/html' } },
    `operon: ${html}`,
    undefined,
  ],
  [
    'plain text is trimmed',
    {
      status: 503,
      body: '\n  upstream busy \n',
      headers: { 'content-type': 'text/plain' },
    },
    'operon: upstream busy',
    undefined,
  ],
  [
    'empty body → status line',
    { status: 500, body: '' },
    'operon: 500 Internal Server Error',
    undefined,
  ],
  [
    'whitespace body → status line',
    { status: 503, body: '  \n ' },
    'operon: 503 Service Unavailable',
    undefined,
  ],
  [
    'empty body, unknown status → bare status',
    { status: 599, body: '' },
    'operon: 599',
    undefined,
  ],
  [
    'numeric code → raw body',
    { status: 400, body: '{"code":400,"message":"bad"}' },
    'operon: {"code":400,"message":"bad"}',
    undefined,
  ],
  [
    'numeric message → raw body',
    { status: 400, body: '{"code":"X","message":5}' },
    'operon: {"code":"X","message":5}',
    undefined,
  ],
  [
    'truncated JSON → raw body',
    { status: 500, body: '{"code":"X","mess' },
    'operon: {"code":"X","mess',
    undefined,
  ],
  [
    'a long raw body is capped at 1000 characters',
    { status: 500, body: long, headers: { 'content-type': 'text/plain' } },
    `operon: ${'x'.repeat(1000)}`,
    undefined,
  ],
];

describe('API errors (PROTOCOL §8.1)', () => {
  it.each(TABLE)('%s', async (_label, reply, message, code) => {
    const error = await failure(reply);
    expect(error.status).toBe(reply.status);
    expect(error.message).toBe(message);
    expect(error.code).toBe(code);
    expect(error.name).toBe('OperonApiError');
  });

  it('keeps details, and only for a well-typed object', async () => {
    const details = { field: 'signature', reasons: ['expired'] };
    const error = await failure({
      status: 400,
      body: { code: 'INVALID_SIGNATURE', message: 'bad sig', details },
    });
    expect(error.details).toEqual(details);
    const raw = await failure({
      status: 400,
      body: { code: 1, message: 'x', details },
    });
    expect(raw.details).toBeUndefined();
  });

  it('records method and path without the query, and x-request-id', async () => {
    const error = await failure(
      {
        status: 404,
        body: { code: 'NOT_FOUND', message: 'no such workstream' },
        headers: { 'x-request-id': 'req-42' },
      },
      '/client-api/v1/workstreams/wstr%201?token=abc',
    );
    expect(error).toMatchObject({
      method: 'GET',
      path: '/client-api/v1/workstreams/wstr%201',
      requestId: 'req-42',
      retryAfterMs: undefined,
    });
    expect(error.message).not.toContain('token=abc');
  });

  it('reads Retry-After as seconds', async () => {
    const error = await failure({
      status: 429,
      body: { code: 'RATE_LIMITED', message: 'slow down' },
      headers: { 'retry-after': '7' },
    });
    expect(error.retryAfterMs).toBe(7000);
  });

  it('reads Retry-After as an HTTP date', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-02-09T12:00:00Z'));
    const error = await failure({
      status: 503,
      headers: { 'retry-after': 'Mon, 09 Feb 2026 12:00:05 GMT' },
    });
    expect(error.retryAfterMs).toBe(5000);
  });

  it('ignores an unreadable Retry-After', async () => {
    const error = await failure({
      status: 503,
      headers: { 'retry-after': 'later' },
    });
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('decodes token endpoint errors the same way', async () => {
    answer = {
      status: 401,
      body: { code: 'INVALID_CLIENT', message: 'invalid credentials' },
      headers: { 'x-request-id': 'tok-req' },
    };
    const error = await app.auth.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperonApiError);
    expect(error).toMatchObject({
      status: 401,
      code: 'INVALID_CLIENT',
      message: 'operon: invalid credentials (INVALID_CLIENT)',
      method: 'POST',
      path: '/oauth2/token',
      requestId: 'tok-req',
    });
    answer = { status: 400, body: { error: 'invalid_grant' } };
    await expect(app.auth.getToken()).rejects.toThrow(
      /^operon: 400 Bad Request$/,
    );
  });

  it('treats a redirect as a non-JSON success, never following it', async () => {
    answer = {
      status: 302,
      body: '',
      headers: { location: `${stub.url}/elsewhere` },
    };
    await expect(
      app.http.send({
        method: 'GET',
        url: `${stub.url}/client-api/x`,
        token: 'tok',
      }),
    ).rejects.toThrow('operon: decode response: body is not JSON');
    expect(stub.requests.map((r) => r.url)).toEqual(['/client-api/x']);
  });
});
