import { sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DidResolverService,
  hashPayload,
  type OperonDidDocument,
  SIGNING_ALGORITHMS,
  verifyJws,
} from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import type { OperonTestApp } from '../support/operon-app.js';
import {
  bootResolver,
  copyOf,
  DIDS,
  didError,
  freshKey,
  jsonSegment,
  kindOf,
  makeJws,
  OTHER_HASH,
  textSegment,
  withSegment,
} from './support/dids-fixtures.js';

const HASH = hashPayload('{"order":"A-1"}');

let emu: OperonEmulator;
let app: OperonTestApp;
let resolver: DidResolverService;
let buyer: OperonDidDocument;
let supplier: OperonDidDocument;

beforeAll(async () => {
  emu = await OperonEmulator.start();
  ({ app, resolver } = await bootResolver(emu));
  buyer = await resolver.resolve(DIDS.buyer);
  supplier = await resolver.resolve(DIDS.supplier);
});
afterAll(async () => {
  await app.close();
  await emu.stop();
});

const signed = (algorithm: (typeof SIGNING_ALGORITHMS)[number] = 'EdDSA') =>
  emu.signHash({ signer: DIDS.buyer, payloadHash: HASH, algorithm }).value;

describe('verifyJws with emulator signatures', () => {
  it.each(SIGNING_ALGORITHMS.map((alg, i) => [alg, i + 1] as const))(
    'verifies %s with key #keys-%i',
    (alg, n) => {
      const verified = verifyJws(signed(alg), buyer);
      expect(verified).toMatchObject({
        alg,
        kid: `${DIDS.buyer}#keys-${n}`,
        payload: HASH,
      });
      expect(verified.method.id).toBe(`${DIDS.buyer}#keys-${n}`);
    },
  );

  it.each(SIGNING_ALGORITHMS)('rejects a tampered %s payload', (alg) => {
    const jws = withSegment(signed(alg), 1, textSegment(OTHER_HASH));
    expect(() => verifyJws(jws, buyer)).toThrow(
      expect.objectContaining({ kind: 'verify_failed', source: 'jws' }),
    );
  });

  it.each(SIGNING_ALGORITHMS)(
    'rejects a flipped %s signature bit',
    async (alg) => {
      const jws = signed(alg);
      const sig = Buffer.from(jws.split('.')[2]!, 'base64url');
      sig.writeUInt8(sig.readUInt8(10) ^ 1, 10);
      const flipped = withSegment(jws, 2, sig.toString('base64url'));
      expect(await kindOf(() => verifyJws(flipped, buyer))).toBe(
        'verify_failed',
      );
    },
  );

  it('rejects another participant signature under its own kid', async () => {
    // The supplier's JWS checked against the buyer's document: kid unknown.
    const jws = emu.signHash({
      signer: DIDS.supplier,
      payloadHash: HASH,
    }).value;
    expect(await kindOf(() => verifyJws(jws, buyer))).toBe('key_not_found');
  });

  it('rejects a signature made with another key under a known kid', async () => {
    const forged: OperonDidDocument = {
      ...copyOf(supplier),
      verificationMethod: copyOf(buyer).verificationMethod.map((m) => ({
        ...m,
        id: m.id.replace(DIDS.buyer, DIDS.supplier),
      })),
    };
    const jws = emu.signHash({
      signer: DIDS.supplier,
      payloadHash: HASH,
    }).value;
    expect(await kindOf(() => verifyJws(jws, forged))).toBe('verify_failed');
  });

  it('accepts ES256 and ES256K signatures as JOSE r‖s only', async () => {
    for (const alg of ['ES256', 'ES256K'] as const) {
      const key = freshKey(alg);
      const jws = makeJws({ alg, kid: 'k' }, HASH, key);
      const doc = documentWith({ id: 'k', publicKeyJwk: key.jwk });
      expect(verifyJws(jws, doc).alg).toBe(alg);
      // A DER-encoded signature of the same input is not JOSE.
      const der = derOf(jws, key);
      expect(await kindOf(() => verifyJws(der, doc))).toBe('verify_failed');
    }
  });
});

describe('verifyJws key selection', () => {
  const key = freshKey('EdDSA');
  const jws = makeJws({ alg: 'EdDSA', kid: 'did:operon:t#k1' }, HASH, key);

  it('finds a key by absolute method id', () => {
    const doc = documentWith({ id: 'did:operon:t#k1', publicKeyJwk: key.jwk });
    expect(verifyJws(jws, doc).kid).toBe('did:operon:t#k1');
  });

  it('finds a key by relative method id', () => {
    const doc = documentWith({ id: '#k1', publicKeyJwk: key.jwk });
    expect(verifyJws(jws, doc).method.id).toBe('#k1');
  });

  it('finds a key by publicKeyJwk.kid', () => {
    const doc = documentWith({
      id: 'did:operon:t#other',
      publicKeyJwk: { ...key.jwk, kid: 'did:operon:t#k1' },
    });
    expect(verifyJws(jws, doc).method.id).toBe('did:operon:t#other');
  });

  it.each([
    ['no such method', { id: 'did:operon:t#k2', publicKeyJwk: key.jwk }],
    ['a method without a JWK', { id: 'did:operon:t#k1' }],
  ])('reports key_not_found for %s', async (_what, method) => {
    expect(await kindOf(() => verifyJws(jws, documentWith(method)))).toBe(
      'key_not_found',
    );
  });
});

describe('verifyJws algorithm checks', () => {
  const kid = `${DIDS.buyer}#keys-1`;
  const edKey = freshKey('EdDSA');

  it('rejects an ES256 header on the Ed25519 key', async () => {
    const jws = makeJws({ alg: 'ES256', kid }, HASH, freshKey('ES256'));
    expect(await kindOf(() => verifyJws(jws, buyer))).toBe('verify_failed');
  });

  it('rejects an ES256K header on the P-256 key', async () => {
    const jws = makeJws(
      { alg: 'ES256K', kid: `${DIDS.buyer}#keys-2` },
      HASH,
      freshKey('ES256K'),
    );
    expect(await kindOf(() => verifyJws(jws, buyer))).toBe('verify_failed');
  });

  it.each(['RS256', 'none', 'HS256', 'eddsa', ''])(
    'reports unsupported_alg for %j',
    async (alg) => {
      const jws = makeJws({ alg, kid }, HASH, edKey);
      expect(await kindOf(() => verifyJws(jws, buyer))).toBe('unsupported_alg');
    },
  );

  it('rejects a key whose JWK names another alg', async () => {
    const doc = documentWith({
      id: 'k',
      publicKeyJwk: { ...edKey.jwk, alg: 'ES256' },
    });
    const jws = makeJws({ alg: 'EdDSA', kid: 'k' }, HASH, edKey);
    expect(await kindOf(() => verifyJws(jws, doc))).toBe('verify_failed');
  });

  it.each([
    ['a short x', { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }],
    [
      'a point off the curve',
      { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) },
    ],
  ])('reports decode_error for %s', async (_what, jwk) => {
    const alg = jwk.kty === 'OKP' ? 'EdDSA' : 'ES256';
    const jws = makeJws({ alg, kid: 'k' }, HASH, freshKey(alg));
    const doc = documentWith({ id: 'k', publicKeyJwk: jwk });
    expect(await kindOf(() => verifyJws(jws, doc))).toBe('decode_error');
  });
});

describe('verifyJws malformed input', () => {
  const good = () =>
    makeJws({ alg: 'EdDSA', kid: 'k' }, HASH, freshKey('EdDSA'));

  it.each([
    ['two segments', () => good().split('.').slice(0, 2).join('.')],
    ['four segments', () => `${good()}.x`],
    ['padding', () => `${good()}==`],
    ['a foreign character', () => withSegment(good(), 2, 'ab+c')],
    ['an empty signature', () => withSegment(good(), 2, '')],
    ['a header that is not JSON', () => withSegment(good(), 0, 'bm90LWpzb24')],
    [
      'a header that is an array',
      () => withSegment(good(), 0, jsonSegment([])),
    ],
    [
      'a header without kid',
      () => withSegment(good(), 0, jsonSegment({ alg: 'EdDSA' })),
    ],
    [
      'a numeric kid',
      () => withSegment(good(), 0, jsonSegment({ alg: 'EdDSA', kid: 1 })),
    ],
    [
      'critical extensions',
      () =>
        withSegment(
          good(),
          0,
          jsonSegment({ alg: 'EdDSA', kid: 'k', crit: ['b64'], b64: false }),
        ),
    ],
    ['not a string', () => 42 as unknown as string],
  ])('reports decode_error for %s', async (_what, make) => {
    const error = await didError(() => verifyJws(make(), buyer));
    expect(error.kind).toBe('decode_error');
    expect(error.source).toBe('jws');
  });

  it('keeps signatures and hashes out of the error message', async () => {
    const jws = withSegment(signed(), 1, textSegment(OTHER_HASH));
    const error = await didError(() => verifyJws(jws, buyer));
    expect(error.message).not.toContain(jws.split('.')[2]!);
    expect(error.message).not.toContain(OTHER_HASH);
  });
});

function documentWith(method: Record<string, unknown>): OperonDidDocument {
  return {
    '@context': [],
    id: 'did:operon:t',
    verificationMethod: [
      { type: 'JsonWebKey2020', controller: 'did:operon:t', ...method },
    ] as unknown as OperonDidDocument['verificationMethod'],
    authentication: [],
    assertionMethod: [],
    service: [],
  };
}

function derOf(jws: string, key: ReturnType<typeof freshKey>): string {
  const [head, body] = jws.split('.');
  const der = sign('sha256', Buffer.from(`${head}.${body}`), key.privateKey);
  return `${head}.${body}.${der.toString('base64url')}`;
}
