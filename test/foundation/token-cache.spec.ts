import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from 'vitest';
import { OperonDecodeError } from '../../lib/index.js';
import { bootOperon, type OperonTestApp } from '../support/operon-app.js';
import {
  StubServer,
  unsignedJwt,
  type StubReply,
} from '../support/stub-server.js';

const T0 = new Date('2026-02-09T12:00:00.000Z').getTime();

let stub: StubServer;
let issued = 0;
/** What the next token answers carry besides the token. */
let tokenBody: Record<string, unknown> = { expires_in: 300 };
let reply: (() => StubReply) | undefined;

function nextToken(): string {
  issued++;
  return unsignedJwt({ session_id: `sess-${issued}`, exp: 1 });
}

beforeAll(async () => {
  stub = await StubServer.start(
    () => reply?.() ?? { body: { access_token: nextToken(), ...tokenBody } },
  );
});
afterAll(() => stub.stop());

let app: OperonTestApp | undefined;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  tokenBody = { expires_in: 300 };
  reply = undefined;
});
afterEach(async () => {
  vi.useRealTimers();
  await app?.close();
  app = undefined;
  stub.clear();
});

async function boot(tokenLeewayMs?: number) {
  app = await bootOperon({
    clientId: 'id',
    clientSecret: 'secret',
    tokenUrl: `${stub.url}/oauth2/token`,
    baseUrl: `${stub.url}/client-api`,
    tokenLeewayMs,
    logger: false,
  });
  return app.auth;
}

const at = (ms: number) => vi.setSystemTime(T0 + ms);

describe('leeway (PROTOCOL §2.4): reuse while expiry − now > leeway', () => {
  it('reuses up to the boundary and refetches exactly at it', async () => {
    const auth = await boot();
    const first = await auth.getToken();
    expect(stub.requests).toHaveLength(1);
    at(269_999); // 30 001 ms left
    expect(await auth.getToken()).toBe(first);
    expect(stub.requests).toHaveLength(1);
    at(270_000); // exactly 30 000 ms left: not strictly greater
    const second = await auth.getToken();
    expect(second).not.toBe(first);
    expect(second.claims.sessionId).toBe(`sess-${issued}`);
    expect(stub.requests).toHaveLength(2);
    expect(second.expiresAt?.getTime()).toBe(T0 + 270_000 + 300_000);
  });

  it('uses the configured leeway', async () => {
    const auth = await boot(100_000);
    await auth.getToken();
    at(199_999);
    await auth.getToken();
    expect(stub.requests).toHaveLength(1);
    at(200_000);
    await auth.getToken();
    expect(stub.requests).toHaveLength(2);
  });

  it('computes expiry from the local clock, not the JWT exp', async () => {
    const auth = await boot();
    const token = await auth.getToken();
    // The token's exp (1970) would make it stale at once if it were used.
    expect(token.claims.expiresAt?.getTime()).toBe(1000);
    expect(token.expiresAt?.getTime()).toBe(T0 + 300_000);
    await auth.getToken();
    expect(stub.requests).toHaveLength(1);
  });

  it('honours a fractional expires_in', async () => {
    tokenBody = { expires_in: 90.5 };
    const auth = await boot();
    expect((await auth.getToken()).expiresAt?.getTime()).toBe(T0 + 90_500);
  });
});

describe('expires_in defaults (PROTOCOL §2.4, §13.1: Go, 60 s)', () => {
  const odd: Array<[string, Record<string, unknown>]> = [
    ['missing', {}],
    ['null', { expires_in: null }],
    ['0', { expires_in: 0 }],
    ['negative', { expires_in: -5 }],
    ['a numeric string', { expires_in: '3600' }],
    ['a word', { expires_in: 'soon' }],
    ['a boolean', { expires_in: true }],
  ];

  it.each(odd)(
    '%s → 60 s, reused with the default 30 s leeway',
    async (_l, body) => {
      tokenBody = body;
      const auth = await boot();
      const token = await auth.getToken();
      expect(token.expiresAt?.getTime()).toBe(T0 + 60_000);
      at(29_999);
      expect(await auth.getToken()).toBe(token);
      expect(stub.requests).toHaveLength(1);
      at(30_000);
      await auth.getToken();
      expect(stub.requests).toHaveLength(2);
    },
  );

  it.each(odd)(
    '%s → 60 s, so a 61 s leeway refetches on every call',
    async (_l, body) => {
      tokenBody = body;
      const auth = await boot(61_000);
      await auth.getToken();
      await auth.getToken();
      await auth.getToken();
      expect(stub.requests).toHaveLength(3);
    },
  );

  it('a 60 s lifetime with a 59 999 ms leeway is reused', async () => {
    tokenBody = {};
    const auth = await boot(59_999);
    await auth.getToken();
    await auth.getToken();
    expect(stub.requests).toHaveLength(1);
  });
});

describe('forceRefresh() and clear() (PROTOCOL §2.4, §2.5)', () => {
  it('forceRefresh always fetches and replaces the cache', async () => {
    const auth = await boot();
    const first = await auth.getToken();
    const forced = await auth.forceRefresh();
    expect(stub.requests).toHaveLength(2);
    expect(forced.accessToken).not.toBe(first.accessToken);
    expect(await auth.getToken()).toBe(forced);
    await auth.forceRefresh();
    await auth.forceRefresh();
    expect(stub.requests).toHaveLength(4);
  });

  it('forceRefresh works on a cold cache', async () => {
    const auth = await boot();
    await auth.forceRefresh();
    await auth.getToken();
    expect(stub.requests).toHaveLength(1);
  });

  it('clear drops the cache', async () => {
    const auth = await boot();
    const first = await auth.getToken();
    auth.clear();
    const second = await auth.getToken();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(stub.requests).toHaveLength(2);
    await auth.getToken();
    expect(stub.requests).toHaveLength(2);
  });

  it('a token fetched while clear() ran is returned but not cached', async () => {
    const auth = await boot();
    const pending = auth.getToken();
    auth.clear();
    await pending;
    await auth.getToken();
    expect(stub.requests).toHaveLength(2);
  });
});

describe('claims of the tokens obtained', () => {
  it('are empty before the first token, then merged token by token', async () => {
    let claims: Record<string, unknown> = {
      participant_did: 'did:operon:a',
      workstream_id: 'wstr-1',
      roles: ['m2m'],
    };
    reply = () => ({ body: { access_token: unsignedJwt(claims) } });
    const auth = await boot();
    expect(auth.claims).toEqual({});
    await auth.getToken();
    expect(auth.claims).toEqual({
      participantDid: 'did:operon:a',
      workstreamId: 'wstr-1',
      roles: ['m2m'],
    });
    claims = { participant_did: '  ', workstream_id: 'wstr-2', roles: [] };
    await auth.forceRefresh();
    expect(auth.claims).toEqual({
      participantDid: 'did:operon:a',
      workstreamId: 'wstr-2',
      roles: [],
    });
    const copy = auth.claims;
    copy.participantDid = 'changed';
    expect(auth.claims.participantDid).toBe('did:operon:a');
  });
});

describe('unusable token answers (PROTOCOL §2.3)', () => {
  const bad: Array<[string, StubReply]> = [
    ['no access_token', { body: { expires_in: 300 } }],
    ['blank access_token', { body: { access_token: '   ' } }],
    ['numeric access_token', { body: { access_token: 42 } }],
    ['a JSON array', { body: '[{"access_token":"x"}]' }],
    ['JSON null', { body: 'null' }],
  ];
  it.each(bad)(
    '%s → OperonDecodeError, and the next call retries',
    async (_l, answer) => {
      reply = () => answer;
      const auth = await boot();
      const error = await auth.getToken().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OperonDecodeError);
      expect((error as Error).message).toBe(
        'operon: token response missing access_token',
      );
      expect((error as OperonDecodeError).status).toBe(200);
      reply = undefined;
      await auth.getToken();
      expect(stub.requests).toHaveLength(2);
    },
  );

  it('a non-JSON 200 → OperonDecodeError', async () => {
    reply = () => ({
      body: 'access_token=abc',
      headers: { 'content-type': 'text/plain' },
    });
    const auth = await boot();
    await expect(auth.getToken()).rejects.toThrow(
      new OperonDecodeError('decode response: body is not JSON', 200),
    );
  });

  it('trims the access token', async () => {
    const jwt = unsignedJwt({ org_id: 'org-1' });
    reply = () => ({ body: { access_token: `  ${jwt}\n` } });
    const auth = await boot();
    const token = await auth.getToken();
    expect(token.accessToken).toBe(jwt);
    expect(token.claims.orgId).toBe('org-1');
  });
});
