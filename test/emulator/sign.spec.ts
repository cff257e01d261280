import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicKey, verify } from 'node:crypto';
import { OperonEmulator } from '../../lib/testing/index.js';
import { call, expectErrorBody, postJson } from './emulator.helpers.js';

const HASH = 'eji_gfOD9pQzrW6QDTWz4jhVk_dqe3q11DVbi6Qe4ks';
const SUPPLIER = 'did:operon:emulator-supplier';

/** Verifies a compact JWS using nothing but a DID document. */
function verifyWithDidDocument(jws: string, document: any): boolean {
  const [header, payload, signature] = jws.split('.') as [
    string,
    string,
    string,
  ];
  const { alg, kid } = JSON.parse(Buffer.from(header, 'base64url').toString());
  const method = document.verificationMethod.find((m: any) => m.id === kid);
  const key = createPublicKey({ key: method.publicKeyJwk, format: 'jwk' });

  return verify(
    alg === 'EdDSA' ? null : 'sha256',
    Buffer.from(`${header}.${payload}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
}

describe('E2 self sign', () => {
  let emu: OperonEmulator;

  beforeAll(async () => {
    emu = await OperonEmulator.start();
  });
  afterAll(() => emu.stop());

  function sign(body: unknown, token?: string) {
    return postJson(emu, '/v1/dids/self/sign', body, token);
  }

  it.each([
    ['EdDSA', '#keys-1', 'OKP', 'Ed25519'],
    ['ES256', '#keys-2', 'EC', 'P-256'],
    ['ES256K', '#keys-3', 'EC', 'secp256k1'],
  ])(
    'signs with %s so that the resolver DID document verifies it',
    async (algorithm, fragment, kty, crv) => {
      const reply = await sign({
        payloadHash: HASH,
        hashAlgorithm: 'SHA-256',
        algorithm,
      });
      expect(reply.status).toBe(200);
      const { signature } = reply.json;
      expect(signature).toEqual({
        algorithm,
        value: expect.any(String),
        keyId: `${SUPPLIER}${fragment}`,
      });

      const [header, payload, sig] = signature.value.split('.');
      expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
        alg: algorithm,
        kid: signature.keyId,
      });
      expect(Buffer.from(payload, 'base64url').toString('utf8')).toBe(HASH);
      expect(Buffer.from(sig, 'base64url')).toHaveLength(64);

      const doc = await call(
        `${emu.didResolverUrl}/1.0/identifiers/${SUPPLIER}`,
      );
      const jwk = doc.json.verificationMethod.find(
        (m: any) => m.id === signature.keyId,
      ).publicKeyJwk;
      expect(jwk).toMatchObject({ kty, crv, kid: signature.keyId });
      expect(verifyWithDidDocument(signature.value, doc.json)).toBe(true);

      const other = await call(
        `${emu.didResolverUrl}/1.0/identifiers/did:operon:emulator-buyer`,
      );
      const forged = other.json.verificationMethod
        .filter((m: any) => m.id.endsWith(fragment))
        .map((m: any) => ({ ...m, id: signature.keyId }));
      expect(
        verifyWithDidDocument(signature.value, { verificationMethod: forged }),
      ).toBe(false);
    },
  );

  it('signs with the key of the token participant', async () => {
    const token = emu.issuePat(
      {},
      { appId: emu.addApp({ participantId: 'prtp-emulator-buyer' }).clientId },
    );
    const reply = await sign(
      { payloadHash: HASH, hashAlgorithm: 'SHA-256', algorithm: 'ES256' },
      token,
    );

    expect(reply.json.signature.keyId).toBe('did:operon:emulator-buyer#keys-2');
  });

  it.each([
    ['a short hash', { payloadHash: 'short' }, 400, 'INVALID_PAYLOAD_HASH'],
    [
      'a hash with +',
      { payloadHash: `${'a'.repeat(42)}+` },
      400,
      'INVALID_PAYLOAD_HASH',
    ],
    ['no hash', { payloadHash: undefined }, 400, 'VALIDATION_ERROR'],
    ['a numeric hash', { payloadHash: 42 }, 400, 'VALIDATION_ERROR'],
    [
      'SHA-512',
      { hashAlgorithm: 'SHA-512' },
      400,
      'UNSUPPORTED_HASH_ALGORITHM',
    ],
    [
      'no hash algorithm',
      { hashAlgorithm: undefined },
      400,
      'VALIDATION_ERROR',
    ],
    ['RS256', { algorithm: 'RS256' }, 400, 'UNSUPPORTED_ALGORITHM'],
    ['lower-case eddsa', { algorithm: 'eddsa' }, 400, 'UNSUPPORTED_ALGORITHM'],
    ['no algorithm', { algorithm: undefined }, 400, 'VALIDATION_ERROR'],
  ])('rejects %s', async (_name, change, status, code) => {
    const body = {
      payloadHash: HASH,
      hashAlgorithm: 'SHA-256',
      algorithm: 'EdDSA',
      ...change,
    };
    expectErrorBody(await sign(body), status, code);
  });

  it('accepts 43 × a, whose last character has non-zero trailing bits', async () => {
    const reply = await sign({
      payloadHash: 'a'.repeat(43),
      hashAlgorithm: 'SHA-256',
      algorithm: 'EdDSA',
    });

    expect(reply.status).toBe(200);
  });

  it('refuses tokens without a participant or with an unknown one', async () => {
    const body = {
      payloadHash: HASH,
      hashAlgorithm: 'SHA-256',
      algorithm: 'EdDSA',
    };
    const none = await sign(body, emu.issuePat({ participant_did: undefined }));
    const unknown = await sign(
      body,
      emu.issuePat({ participant_did: 'did:operon:ghost' }),
    );

    expectErrorBody(none, 403, 'MISSING_PARTICIPANT_DID');
    expectErrorBody(unknown, 404, 'DID_NOT_FOUND');
  });

  it.each([
    ['malformed JSON', '{"payloadHash":'],
    ['an array', '[]'],
    ['a string', '"x"'],
    ['nothing', ''],
  ])('answers 400 INVALID_JSON for %s', async (_name, body) => {
    const reply = await call(`${emu.baseUrl}/v1/dids/self/sign`, {
      method: 'POST',
      token: emu.issuePat(),
      body,
    });

    expectErrorBody(reply, 400, 'INVALID_JSON');
  });

  it('signs the same way through signHash()', () => {
    const signature = emu.signHash({
      signer: SUPPLIER,
      payloadHash: HASH,
      algorithm: 'ES256K',
    });
    const document = {
      verificationMethod: emu.realm
        .participant(SUPPLIER)!
        .keys.map((k) => ({ id: k.keyId, publicKeyJwk: k.publicJwk })),
    };

    expect(signature.keyId).toBe(`${SUPPLIER}#keys-3`);
    expect(verifyWithDidDocument(signature.value, document)).toBe(true);
    expect(() =>
      emu.signHash({ signer: 'did:operon:ghost', payloadHash: HASH }),
    ).toThrow();
  });
});
