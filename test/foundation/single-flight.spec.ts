import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
} from 'vitest';
import { OperonApiError, OperonTransportError } from '../../lib/index.js';
import { deferred, waitFor, type Deferred } from '../support/deferred.js';
import { bootOperon, type OperonTestApp } from '../support/operon-app.js';
import {
  StubServer,
  unsignedJwt,
  type StubReply,
} from '../support/stub-server.js';

const CALLERS = 1_000;

let stub: StubServer;
let issued = 0;
/** Holds the stub's answer until the test releases it. */
let gate: Deferred<StubReply> | undefined;

beforeAll(async () => {
  stub = await StubServer.start(async () => {
    if (gate) return gate.promise;
    issued++;
    return {
      body: {
        access_token: unsignedJwt({ session_id: `sess-${issued}` }),
        expires_in: 300,
      },
    };
  });
});
afterAll(() => stub.stop());

let app: OperonTestApp | undefined;
afterEach(async () => {
  vi.useRealTimers();
  gate?.resolve({ status: 503 });
  gate = undefined;
  await app?.close();
  app = undefined;
  stub.clear();
});

async function boot() {
  app = await bootOperon({
    clientId: 'id',
    clientSecret: 'secret',
    tokenUrl: `${stub.url}/oauth2/token`,
    baseUrl: `${stub.url}/client-api`,
    retry: false,
    logger: false,
  });
  return app.auth;
}

function tokenReply(sessionId: string): StubReply {
  return {
    body: {
      access_token: unsignedJwt({ session_id: sessionId }),
      expires_in: 300,
    },
  };
}

/** Starts the callers, waits until the stub holds a request, releases it. */
async function concurrently<T>(call: () => Promise<T>, answer: StubReply) {
  gate = deferred<StubReply>();
  const before = stub.requests.length;
  const settled = Promise.allSettled(Array.from({ length: CALLERS }, call));
  await waitFor(() => stub.requests.length > before);
  // Give any (wrong) extra requests a chance to arrive before releasing.
  await new Promise((r) => setTimeout(r, 50));
  const current = gate;
  gate = undefined;
  current.resolve(answer);
  return settled;
}

describe('single flight (PROTOCOL §13.1)', () => {
  it(`${CALLERS} concurrent callers on a cold cache cause one request`, async () => {
    const auth = await boot();
    const results = await concurrently(
      () => auth.getToken(),
      tokenReply('cold'),
    );
    expect(stub.requests).toHaveLength(1);
    const tokens = results.map((r) =>
      r.status === 'fulfilled' ? r.value : r.reason,
    );
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0].claims.sessionId).toBe('cold');
    await auth.getToken();
    expect(stub.requests).toHaveLength(1);
  });

  it(`${CALLERS} concurrent callers on an expiring cache cause one request`, async () => {
    const auth = await boot();
    const old = await auth.getToken();
    expect(stub.requests).toHaveLength(1);
    vi.useFakeTimers({ toFake: ['Date'] });
    // 300 s lifetime, 30 s leeway: 271 s later the token is expiring.
    vi.setSystemTime(Date.now() + 271_000);
    const results = await concurrently(
      () => auth.getToken(),
      tokenReply('renewed'),
    );
    expect(stub.requests).toHaveLength(2);
    for (const result of results) {
      expect(result.status).toBe('fulfilled');
      const token = (result as PromiseFulfilledResult<typeof old>).value;
      expect(token.claims.sessionId).toBe('renewed');
    }
  });

  it('concurrent forceRefresh and getToken callers share one request', async () => {
    const auth = await boot();
    let i = 0;
    const results = await concurrently(
      () => (i++ % 2 ? auth.forceRefresh() : auth.getToken()),
      tokenReply('shared'),
    );
    expect(stub.requests).toHaveLength(1);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
  });

  it('a failed fetch (500) rejects every waiter; the next call retries once', async () => {
    const auth = await boot();
    const results = await concurrently(() => auth.getToken(), {
      status: 500,
      body: { code: 'INTERNAL', message: 'token store down' },
    });
    expect(stub.requests).toHaveLength(1);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason = (result as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(OperonApiError);
      expect(reason.message).toBe('operon: token store down (INTERNAL)');
    }
    const token = await auth.getToken();
    expect(stub.requests).toHaveLength(2);
    expect(token.claims.sessionId).toBe(`sess-${issued}`);
  });

  it('a failed fetch (reset) rejects every waiter; the next call retries once', async () => {
    const auth = await boot();
    const results = await concurrently(() => auth.getToken(), { reset: true });
    expect(stub.requests).toHaveLength(1);
    for (const result of results) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(
        OperonTransportError,
      );
    }
    await auth.getToken();
    expect(stub.requests).toHaveLength(2);
  });

  it(`${CALLERS} concurrent callers of a failing endpoint: one request per round`, async () => {
    const auth = await boot();
    for (let round = 1; round <= 3; round++) {
      await concurrently(() => auth.getToken(), { status: 503 });
      expect(stub.requests).toHaveLength(round);
    }
  });
});
