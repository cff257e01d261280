import { HttpModule, HttpService } from '@nestjs/axios';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  OperonApiError,
  OperonDecodeError,
  OperonTransportError,
  type OperonModuleOptions,
} from '../../lib/index.js';
import type { OperonRequest } from '../../lib/http/operon-request.interface.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { waitFor } from '../support/deferred.js';
import { bootOperon, type OperonTestApp } from '../support/operon-app.js';
import { refusedUrl } from '../support/ports.js';
import { StubServer, type StubReply } from '../support/stub-server.js';

let stub: StubServer;
/** Answers, in order; the last one repeats. */
let script: StubReply[] = [];
beforeAll(async () => {
  stub = await StubServer.start(() => {
    const next = script.length > 1 ? script.shift()! : script[0];
    return next ?? { body: { ok: true } };
  });
});
afterAll(() => stub.stop());

let app: OperonTestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  script = [];
  stub.clear();
});

async function boot(overrides: OperonModuleOptions = {}) {
  app = await bootOperon({
    clientId: 'id',
    clientSecret: 'secret',
    tokenUrl: `${stub.url}/oauth2/token`,
    baseUrl: `${stub.url}/client-api`,
    logger: false,
    ...overrides,
  });
  return app.http;
}

const FAST_RETRY = { retries: 2, minDelayMs: 1, maxDelayMs: 20 };

function get(extra: Partial<OperonRequest> = {}): OperonRequest {
  return {
    method: 'GET',
    url: `${stub.url}/client-api/v1/interactions`,
    token: 'tok',
    ...extra,
  };
}

async function failureOf(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
}

describe('transport errors (PROTOCOL §8.2)', () => {
  it('connection refused', async () => {
    const http = await boot({ retry: false });
    const url = `${await refusedUrl()}/client-api/v1/interactions`;
    const error = await failureOf(http.send(get({ url })));
    expect(error).toBeInstanceOf(OperonTransportError);
    expect(error).toMatchObject({
      code: 'ECONNREFUSED',
      timedOut: false,
      method: 'GET',
      path: '/client-api/v1/interactions',
    });
    expect((error as Error).message).toMatch(
      /^operon: request GET \/client-api\/v1\/interactions failed: /,
    );
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('connection reset', async () => {
    script = [{ reset: true }];
    const http = await boot({ retry: false });
    const error = await failureOf(http.send(get()));
    expect(error).toBeInstanceOf(OperonTransportError);
    expect(error).toMatchObject({ code: 'ECONNRESET', timedOut: false });
  });

  it('timeout (httpTimeoutMs) while waiting for the answer', async () => {
    script = [{ delayMs: 2_000, body: { ok: true } }];
    const http = await boot({ retry: false, httpTimeoutMs: 200 });
    const error = await failureOf(http.send(get()));
    expect(error).toBeInstanceOf(OperonTransportError);
    expect(error).toMatchObject({ code: 'ECONNABORTED', timedOut: true });
    expect((error as Error).message).toBe(
      'operon: request GET /client-api/v1/interactions timed out: ' +
        'timeout of 200ms exceeded',
    );
  });

  it('a per-request timeoutMs overrides httpTimeoutMs', async () => {
    script = [{ delayMs: 2_000, body: { ok: true } }];
    const http = await boot({ retry: false });
    const error = await failureOf(http.send(get({ timeoutMs: 150 })));
    expect(error).toMatchObject({
      name: 'OperonTransportError',
      timedOut: true,
    });
  });

  it('the timeout bounds the whole exchange, even a trickling body', async () => {
    // Headers at once, then one byte every 100 ms for ~3 s: each byte
    // resets a socket-idle timer, so only a whole-request deadline trips.
    script = [{ trickleMs: 100, body: { padding: 'x'.repeat(20) } }];
    const http = await boot({ retry: false, httpTimeoutMs: 400 });
    const error = await failureOf(http.send(get()));
    expect(error).toBeInstanceOf(OperonTransportError);
    expect(error).toMatchObject({ timedOut: true, code: 'ECONNABORTED' });
  });

  it('a token fetch that times out is a transport error too', async () => {
    script = [{ delayMs: 2_000 }];
    await boot({ retry: false, httpTimeoutMs: 200 });
    const error = await failureOf(app!.auth.getToken());
    expect(error).toMatchObject({
      name: 'OperonTransportError',
      timedOut: true,
      method: 'POST',
      path: '/oauth2/token',
    });
  });
});

describe('decode errors (PROTOCOL §8.3)', () => {
  it.each([
    ['HTML', '<html>ok</html>'],
    ['empty body', ''],
    ['truncated JSON', '{"a":'],
  ])('2xx with %s → OperonDecodeError', async (_label, body) => {
    script = [{ status: 200, body, headers: { 'content-type': 'text/html' } }];
    const http = await boot({ retry: FAST_RETRY });
    const error = await failureOf(http.send(get({ idempotent: true })));
    expect(error).toBeInstanceOf(OperonDecodeError);
    expect(error).toMatchObject({
      status: 200,
      message: 'operon: decode response: body is not JSON',
    });
    // Decode errors are a real answer: never retried.
    expect(stub.requests).toHaveLength(1);
  });

  it('expectJson: false skips decoding', async () => {
    script = [{ status: 204, body: '' }];
    const http = await boot();
    const res = await http.send(get({ expectJson: false }));
    expect(res.status).toBe(204);
    expect(res.data).toBeUndefined();
  });

  it('a success returns status, decoded body and headers', async () => {
    script = [
      { status: 201, body: { id: 'x' }, headers: { 'x-request-id': 'r1' } },
    ];
    const http = await boot();
    const res = await http.send<{ id: string }>(get());
    expect(res.status).toBe(201);
    expect(res.data).toEqual({ id: 'x' });
    expect(res.headers['x-request-id']).toBe('r1');
    expect(stub.requests[0]!.headers.authorization).toBe('Bearer tok');
    expect(stub.requests[0]!.headers.accept).toBe('application/json');
  });

  it('a JSON body is sent with its content type', async () => {
    const http = await boot();
    await http.send({ ...get(), method: 'POST', json: { a: 1 } });
    expect(stub.requests[0]!.headers['content-type']).toBe('application/json');
    expect(stub.requests[0]!.body).toBe('{"a":1}');
  });
});

describe('retries of idempotent requests', () => {
  it.each([429, 502, 503, 504])('retries %i, then succeeds', async (status) => {
    script = [{ status }, { status }, { body: { ok: true } }];
    const http = await boot({ retry: FAST_RETRY });
    const res = await http.send(get({ idempotent: true }));
    expect(res.data).toEqual({ ok: true });
    expect(stub.requests).toHaveLength(3);
  });

  it('gives up after retry.retries attempts with the last error', async () => {
    script = [{ status: 503, body: { code: 'BUSY', message: 'busy' } }];
    const http = await boot({ retry: FAST_RETRY });
    const error = await failureOf(http.send(get({ idempotent: true })));
    expect(error).toMatchObject({ name: 'OperonApiError', status: 503 });
    expect(stub.requests).toHaveLength(3);
  });

  it.each([400, 401, 403, 404, 409, 500])(
    'never retries %i',
    async (status) => {
      script = [{ status, body: { code: 'X', message: 'no' } }];
      const http = await boot({ retry: FAST_RETRY });
      await expect(http.send(get({ idempotent: true }))).rejects.toBeInstanceOf(
        OperonApiError,
      );
      expect(stub.requests).toHaveLength(1);
    },
  );

  it('never retries when retry is false', async () => {
    script = [{ status: 503 }];
    const http = await boot({ retry: false });
    await expect(http.send(get({ idempotent: true }))).rejects.toThrow(
      'operon: 503 Service Unavailable',
    );
    expect(stub.requests).toHaveLength(1);
  });

  it('never retries with retries: 0', async () => {
    script = [{ status: 503 }];
    const http = await boot({ retry: { retries: 0 } });
    await expect(http.send(get({ idempotent: true }))).rejects.toThrow();
    expect(stub.requests).toHaveLength(1);
  });

  it('never retries a request that is not idempotent', async () => {
    script = [{ status: 503 }, { reset: true }];
    const http = await boot({ retry: FAST_RETRY });
    await expect(http.send(get())).rejects.toBeInstanceOf(OperonApiError);
    await expect(http.send(get())).rejects.toBeInstanceOf(OperonTransportError);
    expect(stub.requests).toHaveLength(2);
  });

  it('retries resets up to retry.retries', async () => {
    script = [{ reset: true }, { reset: true }, { body: { ok: 1 } }];
    const http = await boot({ retry: FAST_RETRY });
    expect((await http.send(get({ idempotent: true }))).data).toEqual({
      ok: 1,
    });
    expect(stub.requests).toHaveLength(3);
  });

  it('retries timeouts up to retry.retries, then reports the timeout', async () => {
    script = [{ delayMs: 1_500 }];
    const http = await boot({ retry: FAST_RETRY, httpTimeoutMs: 150 });
    const error = await failureOf(http.send(get({ idempotent: true })));
    expect(error).toMatchObject({
      name: 'OperonTransportError',
      timedOut: true,
    });
    expect(stub.requests).toHaveLength(3);
  });

  it('honours Retry-After (seconds)', async () => {
    script = [{ status: 503, headers: { 'retry-after': '1' } }, { body: {} }];
    const http = await boot({
      retry: { retries: 1, minDelayMs: 1, maxDelayMs: 5_000 },
    });
    await http.send(get({ idempotent: true }));
    const [first, second] = stub.requests;
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(950);
  });

  it('caps Retry-After at retry.maxDelayMs', async () => {
    // Uncapped, this would wait an hour and the test would time out.
    script = [
      { status: 429, headers: { 'retry-after': '3600' } },
      { body: {} },
    ];
    const http = await boot({
      retry: { retries: 1, minDelayMs: 1, maxDelayMs: 50 },
    });
    await http.send(get({ idempotent: true }));
    const [first, second] = stub.requests;
    expect(second!.receivedAt - first!.receivedAt).toBeLessThan(10_000);
  });

  it('the token request is idempotent: retried on 503', async () => {
    script = [
      { status: 503 },
      { body: { access_token: 'abc', expires_in: 300 } },
    ];
    await boot({ retry: FAST_RETRY });
    expect((await app!.auth.getToken()).accessToken).toBe('abc');
    expect(stub.requests).toHaveLength(2);
  });
});

describe('against the emulator', () => {
  let emu: OperonEmulator;
  beforeAll(async () => {
    emu = await OperonEmulator.start();
  });
  afterAll(() => emu.stop());
  afterEach(() => {
    emu.faults.clear();
    emu.clearRequests();
  });

  const tokenRequests = () =>
    emu.requests().filter((r) => r.routeId === 'token').length;

  it('a token fetch is retried through injected 503s', async () => {
    emu.faults.inject({
      route: 'token',
      status: 503,
      headers: { 'retry-after': '0' },
      times: 2,
    });
    app = await bootOperon(
      emu.moduleOptions({ retry: FAST_RETRY, logger: false }),
    );
    const token = await app.auth.getToken();
    expect(token.claims.clientId).toBe(emu.credentials.clientId);
    expect(tokenRequests()).toBe(3);
  });

  it('an injected reset on a read is a transport error', async () => {
    app = await bootOperon(emu.moduleOptions({ retry: false, logger: false }));
    const { accessToken } = await app.auth.getToken();
    emu.faults.inject({ route: 'interactions', reset: true });
    const error = await failureOf(
      app.http.send({
        method: 'GET',
        url: `${emu.baseUrl}/v1/interactions`,
        token: accessToken,
      }),
    );
    expect(error).toBeInstanceOf(OperonTransportError);
  });

  it('injected latency beyond httpTimeoutMs times the token fetch out', async () => {
    emu.faults.inject({ route: 'token', latencyMs: 1_500 });
    app = await bootOperon(
      emu.moduleOptions({ retry: false, httpTimeoutMs: 200, logger: false }),
    );
    await expect(app.auth.getToken()).rejects.toMatchObject({
      name: 'OperonTransportError',
      timedOut: true,
    });
  });

  it('an injected malformed JSON token answer is a decode error', async () => {
    emu.faults.inject({ route: 'token', status: 200, malformedJson: true });
    app = await bootOperon(
      emu.moduleOptions({ retry: FAST_RETRY, logger: false }),
    );
    await expect(app.auth.getToken()).rejects.toBeInstanceOf(OperonDecodeError);
    expect(tokenRequests()).toBe(1);
  });
});

describe('the dedicated HTTP client (STYLE §4.7)', () => {
  it("ignores the application's own HttpModule, its defaults and interceptors", async () => {
    app = await bootOperon(
      {
        clientId: 'id',
        clientSecret: 'secret',
        tokenUrl: `${stub.url}/oauth2/token`,
        baseUrl: `${stub.url}/client-api`,
        logger: false,
      },
      {
        imports: [
          HttpModule.register({
            headers: { 'x-app-default': 'yes' },
            timeout: 1,
          }),
        ],
      },
    );
    const appHttp = app.moduleRef.get(HttpService);
    appHttp.axiosRef.interceptors.request.use((config) => {
      config.headers.set('x-app-interceptor', 'yes');
      return config;
    });
    script = [{ delayMs: 50, body: { ok: true } }];
    await app.http.send(get());
    const seen = stub.requests[0]!.headers;
    expect(seen['x-app-default']).toBeUndefined();
    expect(seen['x-app-interceptor']).toBeUndefined();
    expect(seen['user-agent']).toBe('nestjs-operon');
    expect(seen.accept).toBe('application/json');
  });

  it('closing the module closes its keep-alive sockets', async () => {
    const http = await boot();
    await http.send(get());
    await http.send(get());
    expect(stub.openConnections).toBe(1);
    await app!.close();
    app = undefined;
    await waitFor(() => stub.openConnections === 0);
  });
});
