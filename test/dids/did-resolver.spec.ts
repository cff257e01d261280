import { setTimeout as sleep } from 'node:timers/promises';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';
import {
  DidResolverService,
  OperonApiError,
  OperonTransportError,
} from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import type { OperonTestApp } from '../support/operon-app.js';
import { refusedUrl } from '../support/ports.js';
import {
  bootResolver,
  calls,
  DIDS,
  didError,
  kindOf,
} from './support/dids-fixtures.js';

let emu: OperonEmulator;
let app: OperonTestApp;
let resolver: DidResolverService;
const opened: OperonTestApp[] = [];

beforeAll(async () => {
  emu = await OperonEmulator.start();
  ({ app, resolver } = await bootResolver(emu));
});
afterAll(async () => {
  await Promise.all([app.close(), ...opened.map((a) => a.close())]);
  await emu.stop();
});
beforeEach(() => {
  resolver.forget();
  emu.clearRequests();
});
afterEach(() => emu.faults.clear());

const resolves = () => calls(emu, 'resolver');

async function another(extra: Parameters<typeof bootResolver>[1]) {
  const booted = await bootResolver(emu, extra);
  opened.push(booted.app);
  return booted.resolver;
}

describe('DidResolverService.resolve', () => {
  it('fetches the DID document with the resolver headers', async () => {
    const doc = await resolver.resolve(DIDS.buyer);

    const participant = emu.realm.participant(DIDS.buyer)!;
    expect(doc.id).toBe(DIDS.buyer);
    expect(doc['@context']).toContain('https://www.w3.org/ns/did/v1');
    expect(doc.verificationMethod.map((m) => m.id)).toEqual(
      [1, 2, 3].map((n) => `${DIDS.buyer}#keys-${n}`),
    );
    expect(doc.verificationMethod[2]!.publicKeyJwk).toMatchObject({
      kty: 'EC',
      crv: 'secp256k1',
      x: participant.keys[2]!.publicJwk.x,
      y: participant.keys[2]!.publicJwk.y,
    });
    expect(doc.authentication).toHaveLength(3);
    const [req] = emu.requests();
    expect(req!.method).toBe('GET');
    expect(req!.path).toBe(`/1.0/identifiers/${DIDS.buyer}`);
    expect(req!.headers.accept).toBe('application/did+json');
    expect(req!.headers.authorization).toBeUndefined();
  });

  it('hands out a frozen document', async () => {
    const doc = await resolver.resolve(DIDS.buyer);
    expect(Object.isFrozen(doc)).toBe(true);
    expect(Object.isFrozen(doc.verificationMethod[0]!.publicKeyJwk)).toBe(true);
  });

  it('trims after checking the method prefix', async () => {
    const doc = await resolver.resolve(`${DIDS.carrier}  `);
    expect(doc.id).toBe(DIDS.carrier);
    expect(await kindOf(() => resolver.resolve(` ${DIDS.carrier}`))).toBe(
      'unsupported_method',
    );
  });

  it.each(['did:web:example.com', 'did:key:z6Mk', '', 'DID:OPERON:x'])(
    'refuses %j locally as unsupported_method',
    async (did) => {
      const error = await didError(() => resolver.resolve(did));
      expect(error.kind).toBe('unsupported_method');
      expect(error.source).toBe('resolver');
      expect(resolves()).toBe(0);
    },
  );

  it('escapes what would leave the path segment, keeps ":"', async () => {
    await kindOf(() => resolver.resolve('did:operon:a/b?c#d'));
    expect(emu.requests()[0]!.path).toBe(
      '/1.0/identifiers/did:operon:a%2Fb%3Fc%23d',
    );
  });

  it('maps 404 to not_found', async () => {
    const error = await didError(() => resolver.resolve('did:operon:nobody'));
    expect(error.kind).toBe('not_found');
    expect(error.status).toBe(404);
    expect(error.did).toBe('did:operon:nobody');
    expect(error.cause).toBeInstanceOf(OperonApiError);
  });

  it('maps 400 to invalid_did', async () => {
    emu.faults.inject({
      route: 'resolver',
      status: 400,
      body: { code: 'INVALID_DID', message: 'bad did' },
    });
    const error = await didError(() => resolver.resolve(DIDS.buyer));
    expect(error.kind).toBe('invalid_did');
    expect(error.status).toBe(400);
  });

  it.each([500, 503, 429, 401])('maps %i to upstream_error', async (status) => {
    emu.faults.inject({ route: 'resolver', status, body: { code: 'X' } });
    const error = await didError(() => resolver.resolve(DIDS.buyer));
    expect(error.kind).toBe('upstream_error');
    expect(error.source).toBe('resolver');
    expect(error.status).toBe(status);
  });

  it('maps a reset connection to upstream_error', async () => {
    emu.faults.inject({ route: 'resolver', reset: true });
    const error = await didError(() => resolver.resolve(DIDS.buyer));
    expect(error.kind).toBe('upstream_error');
    expect(error.status).toBeUndefined();
    expect(error.cause).toBeInstanceOf(OperonTransportError);
  });

  it('maps an unreachable resolver to upstream_error', async () => {
    const down = await another({ didResolverUrl: await refusedUrl() });
    expect(await kindOf(() => down.resolve(DIDS.buyer))).toBe('upstream_error');
  });

  it('maps a body that is not JSON to decode_error', async () => {
    emu.faults.inject({ route: 'resolver', malformedJson: true });
    const error = await didError(() => resolver.resolve(DIDS.buyer));
    expect(error.kind).toBe('decode_error');
    expect(error.source).toBe('resolver');
  });

  it.each([
    ['an array', []],
    ['another DID', { id: DIDS.supplier, verificationMethod: [] }],
    ['no id', { verificationMethod: [] }],
    [
      'a method list that is an object',
      { id: DIDS.buyer, verificationMethod: {} },
    ],
    [
      'a JWK member of the wrong type',
      {
        id: DIDS.buyer,
        verificationMethod: [{ id: 'k', publicKeyJwk: { kty: 'OKP', x: 1 } }],
      },
    ],
  ])('maps a document that is %s to decode_error', async (_what, body) => {
    emu.faults.inject({ route: 'resolver', status: 200, body });
    expect(await kindOf(() => resolver.resolve(DIDS.buyer))).toBe(
      'decode_error',
    );
  });

  it('retries a transient failure when retries are on', async () => {
    const retrying = await another({
      retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 },
    });
    emu.faults.inject({ route: 'resolver', status: 503, times: 1 });
    const doc = await retrying.resolve(DIDS.buyer);
    expect(doc.id).toBe(DIDS.buyer);
    expect(resolves()).toBe(2);
  });
});

describe('DidResolverService cache', () => {
  it('serves a second resolution without a round trip', async () => {
    const first = await resolver.resolve(DIDS.buyer);
    const second = await resolver.resolve(DIDS.buyer);
    expect(second).toBe(first);
    expect(resolves()).toBe(1);
  });

  it('shares one request among concurrent resolutions', async () => {
    emu.faults.inject({ route: 'resolver', latencyMs: 100 });
    const docs = await Promise.all(
      Array.from({ length: 20 }, () => resolver.resolve(DIDS.supplier)),
    );
    expect(new Set(docs).size).toBe(1);
    expect(resolves()).toBe(1);
  });

  it('shares a failure among concurrent resolutions, then forgets it', async () => {
    emu.faults.inject({ route: 'resolver', status: 500, latencyMs: 100 });
    const failures = await Promise.allSettled(
      Array.from({ length: 5 }, () => resolver.resolve(DIDS.buyer)),
    );
    expect(failures.every((f) => f.status === 'rejected')).toBe(true);
    expect(resolves()).toBe(1);

    emu.faults.clear();
    await resolver.resolve(DIDS.buyer);
    expect(resolves()).toBe(2);
  });

  it('does not cache not_found', async () => {
    const did = 'did:operon:late-joiner';
    expect(await kindOf(() => resolver.resolve(did))).toBe('not_found');
    emu.addParticipant({ did });
    expect((await resolver.resolve(did)).id).toBe(did);
    expect(resolves()).toBe(2);
  });

  it('resolves again once the TTL has passed', async () => {
    const short = await another({ didCacheTtlMs: 40 });
    await short.resolve(DIDS.buyer);
    await sleep(120);
    await short.resolve(DIDS.buyer);
    expect(resolves()).toBe(2);
  });

  it('caches nothing with didCacheTtlMs: 0', async () => {
    const uncached = await another({ didCacheTtlMs: 0 });
    await uncached.resolve(DIDS.buyer);
    await uncached.resolve(DIDS.buyer);
    expect(resolves()).toBe(2);
  });

  it('forgets one DID on demand', async () => {
    await resolver.resolve(DIDS.buyer);
    await resolver.resolve(DIDS.carrier);
    resolver.forget(DIDS.buyer);
    await resolver.resolve(DIDS.buyer);
    await resolver.resolve(DIDS.carrier);
    expect(resolves()).toBe(3);
  });
});
