import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicKey } from 'node:crypto';
import { OperonEmulator } from '../../lib/testing/index.js';
import { call, expectErrorBody } from './emulator.helpers.js';

const DID = 'did:operon:emulator-carrier';

describe('E12 DID resolver', () => {
  let emu: OperonEmulator;

  beforeAll(async () => {
    emu = await OperonEmulator.start();
  });
  afterAll(() => emu.stop());

  const resolve = (id: string, headers: Record<string, string> = {}) =>
    call(`${emu.didResolverUrl}/1.0/identifiers/${id}`, { headers });

  it.each([
    ['a literal DID', DID],
    ['an encoded DID', encodeURIComponent(DID)],
  ])('serves the document for %s without authentication', async (_name, id) => {
    const reply = await resolve(id, {
      accept: 'application/did+json',
      'user-agent': 'operon-sdk-go/dids',
    });
    const doc = reply.json;

    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(
      /^application\/did\+json/,
    );
    expect(doc.id).toBe(DID);
    expect(doc['@context']).toEqual(
      expect.arrayContaining([expect.any(String)]),
    );
    expect(doc.verificationMethod).toHaveLength(3);
    const expected = [
      ['#keys-1', 'OKP', 'Ed25519', 'EdDSA'],
      ['#keys-2', 'EC', 'P-256', 'ES256'],
      ['#keys-3', 'EC', 'secp256k1', 'ES256K'],
    ];
    for (const [index, [fragment, kty, crv, alg]] of expected.entries()) {
      const method = doc.verificationMethod[index];
      expect(method).toMatchObject({
        id: `${DID}${fragment}`,
        type: 'JsonWebKey2020',
        controller: DID,
        publicKeyJwk: { kty, crv, alg, kid: `${DID}${fragment}` },
      });
      expect(Buffer.from(method.publicKeyJwk.x, 'base64url')).toHaveLength(32);
      expect(method.publicKeyJwk.y === undefined).toBe(kty === 'OKP');
      expect(() =>
        createPublicKey({ key: method.publicKeyJwk, format: 'jwk' }),
      ).not.toThrow();
    }
    expect(doc.assertionMethod).toEqual(
      doc.verificationMethod.map((m: any) => m.id),
    );
  });

  it('answers plain JSON to clients that do not ask for did+json', async () => {
    const reply = await resolve(DID);

    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('publishes the keys of participants added later', async () => {
    const p = emu.addParticipant({ did: 'did:operon:late-comer' });
    const reply = await resolve(p.did);

    expect(
      reply.json.verificationMethod.map((m: any) => m.publicKeyJwk.x),
    ).toEqual(p.keys.map((k) => k.publicJwk.x));
  });

  it('answers 404 DID_NOT_FOUND for an unknown DID', async () => {
    expectErrorBody(await resolve('did:operon:nobody'), 404, 'DID_NOT_FOUND');
  });

  it('answers 400 INVALID_DID for something that is not a DID', async () => {
    expectErrorBody(await resolve('emulator-carrier'), 400, 'INVALID_DID');
  });
});
