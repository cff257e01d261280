import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperonEmulator } from '../../lib/testing/index.js';
import {
  call,
  expectErrorBody,
  expectNoNullsAndZonedTimes,
  fetchToken,
  payloadHash,
  postJson,
  rawRequest,
} from './emulator.helpers.js';

const SUPPLIER = 'did:operon:emulator-supplier';
const PAYLOAD = '{"message":"hello"}';

describe('E9 signature verify', () => {
  let emu: OperonEmulator;

  beforeAll(async () => {
    emu = await OperonEmulator.start();
  });
  afterAll(() => emu.stop());

  function headersFor(
    body: string | Buffer,
    algorithm: 'EdDSA' | 'ES256' | 'ES256K' = 'EdDSA',
  ) {
    const hash = payloadHash(body);
    const signature = emu.signHash({
      signer: SUPPLIER,
      payloadHash: hash,
      algorithm,
    });

    return {
      'X-Operon-DID': SUPPLIER,
      'X-Operon-Payload-Hash': hash,
      'X-Operon-Signature': signature.value,
      'X-Operon-Signature-KeyId': signature.keyId,
      'X-Operon-Signature-Alg': signature.algorithm,
    };
  }

  function verify(
    body: string | Buffer,
    headers: Record<string, string>,
    did = encodeURIComponent(SUPPLIER),
  ) {
    return rawRequest(`${emu.baseUrl}/v1/dids/${did}/signature/verify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.issuePat()}`, ...headers },
      body,
    });
  }

  it.each([
    [
      'an encoded DID, Node header case',
      encodeURIComponent(SUPPLIER),
      (h: Record<string, string>) => h,
    ],
    [
      'a literal DID, Go canonical header case',
      SUPPLIER,
      (h: Record<string, string>) => ({
        'X-Operon-Did': h['X-Operon-DID']!,
        'X-Operon-Payload-Hash': h['X-Operon-Payload-Hash']!,
        'X-Operon-Signature': h['X-Operon-Signature']!,
        'X-Operon-Signature-Keyid': h['X-Operon-Signature-KeyId']!,
        'X-Operon-Signature-Alg': h['X-Operon-Signature-Alg']!,
      }),
    ],
  ])('verifies with %s', async (_name, did, shape) => {
    const headers = shape(headersFor(PAYLOAD));
    const reply = await verify(PAYLOAD, headers, did);

    expect(reply.status, reply.text).toBe(200);
    expectNoNullsAndZonedTimes(reply.json);
    expect(reply.json).toEqual({
      status: 'VALID',
      message: expect.any(String),
      did: SUPPLIER,
      payloadHash: payloadHash(PAYLOAD),
      algorithm: 'EdDSA',
      keyId: `${SUPPLIER}#keys-1`,
    });
    const seen = emu.requests().at(-1)!;
    expect(seen.path).toBe(`/client-api/v1/dids/${did}/signature/verify`);
    expect(seen.body).toBe(PAYLOAD);
  });

  it.each(['ES256', 'ES256K'] as const)(
    'verifies %s signatures',
    async (alg) => {
      const reply = await verify(PAYLOAD, headersFor(PAYLOAD, alg));

      expect(reply.status, reply.text).toBe(200);
      expect(reply.json.keyId).toMatch(
        alg === 'ES256' ? /#keys-2$/ : /#keys-3$/,
      );
    },
  );

  it('hashes the raw bytes whatever the content type, and never parses them', async () => {
    const bodies = [
      'not json {',
      '',
      '{"a": 1 }',
      Buffer.from([0, 255, 10, 13]),
    ];
    for (const body of bodies) {
      for (const type of [
        undefined,
        'application/json',
        'text/plain',
        'application/octet-stream',
      ]) {
        const headers: Record<string, string> = headersFor(body);
        if (type) {
          headers['content-type'] = type;
        }
        const reply = await verify(body, headers);
        expect(reply.status, `${type} ${reply.text}`).toBe(200);
      }
    }
  });

  it('accepts a 1 MB body', async () => {
    const body = Buffer.alloc(1024 * 1024, 'x');
    const reply = await verify(body, headersFor(body));

    expect(reply.status, reply.text).toBe(200);
  });

  it("lets two apps verify each other's self-signed payloads", async () => {
    const buyerApp = emu.addApp({ participantId: 'prtp-emulator-buyer' });
    const supplierToken = await fetchToken(emu);
    const buyerToken = await fetchToken(emu, buyerApp);
    const signFor = async (token: string, payload: string) => {
      const hash = payloadHash(payload);
      const reply = await postJson(
        emu,
        '/v1/dids/self/sign',
        { payloadHash: hash, hashAlgorithm: 'SHA-256', algorithm: 'ES256' },
        token,
      );
      const check = emu.verifyToken(token);
      const did = check.valid ? String(check.claims.participant_did) : '';
      return {
        did,
        headers: {
          'x-operon-did': did,
          'x-operon-payload-hash': hash,
          'x-operon-signature': reply.json.signature.value,
          'x-operon-signature-keyid': reply.json.signature.keyId,
          'x-operon-signature-alg': reply.json.signature.algorithm,
        },
      };
    };
    const fromSupplier = await signFor(supplierToken, 'order 1');
    const fromBuyer = await signFor(buyerToken, 'receipt 1');
    const check = (token: string, payload: string, signed: typeof fromBuyer) =>
      call(
        `${emu.baseUrl}/v1/dids/${encodeURIComponent(signed.did)}/signature/verify`,
        {
          method: 'POST',
          token,
          headers: signed.headers,
          body: payload,
        },
      );

    expect((await check(buyerToken, 'order 1', fromSupplier)).status).toBe(200);
    expect((await check(supplierToken, 'receipt 1', fromBuyer)).status).toBe(
      200,
    );
    const swapped = await check(supplierToken, 'receipt 1', {
      ...fromBuyer,
      did: fromSupplier.did,
      headers: { ...fromBuyer.headers, 'x-operon-did': fromSupplier.did },
    });
    expectErrorBody(swapped, 400);
  });

  it('answers 400 PAYLOAD_HASH_MISMATCH when the body changed', async () => {
    const reply = await verify('{"message":"hellO"}', headersFor(PAYLOAD));

    expect(reply.status).toBe(400);
    expect(reply.json.code).toBe('PAYLOAD_HASH_MISMATCH');
  });

  it('compares the payload hash exactly (case-sensitively)', async () => {
    const headers = headersFor(PAYLOAD);
    headers['X-Operon-Payload-Hash'] =
      headers['X-Operon-Payload-Hash'].toUpperCase();
    const reply = await verify(PAYLOAD, headers);

    expect(reply.json.code).toBe('PAYLOAD_HASH_MISMATCH');
  });

  it.each([
    [
      'a signature by another participant',
      (h: any) => ({
        ...h,
        'X-Operon-Signature': emu
          .signHash({
            signer: 'did:operon:emulator-buyer',
            payloadHash: h['X-Operon-Payload-Hash'],
          })
          .value.replace(/^[^.]+/, h['X-Operon-Signature'].split('.')[0]),
      }),
      'INVALID_SIGNATURE',
    ],
    [
      'a signature over another hash',
      (h: any) => ({
        ...h,
        'X-Operon-Signature': emu.signHash({
          signer: SUPPLIER,
          payloadHash: payloadHash('other'),
        }).value,
      }),
      'INVALID_SIGNATURE',
    ],
    [
      'a non-JWS signature',
      (h: any) => ({ ...h, 'X-Operon-Signature': 'c2lnbmF0dXJl' }),
      'INVALID_SIGNATURE',
    ],
    [
      'a missing header',
      (h: any) => ({ ...h, 'X-Operon-Signature-KeyId': ' ' }),
      'INVALID_HEADERS',
    ],
    [
      'a DID header naming someone else',
      (h: any) => ({ ...h, 'X-Operon-DID': 'did:operon:emulator-buyer' }),
      'INVALID_HEADERS',
    ],
    [
      'an algorithm header that differs from the JWS',
      (h: any) => ({
        ...h,
        'X-Operon-Signature-Alg': 'ES256',
        'X-Operon-Signature-KeyId': `${SUPPLIER}#keys-2`,
      }),
      'INVALID_HEADERS',
    ],
    [
      'a key ID of the wrong type',
      (h: any) => ({ ...h, 'X-Operon-Signature-KeyId': `${SUPPLIER}#keys-3` }),
      'INVALID_HEADERS',
    ],
    [
      'a key ID of another DID',
      (h: any) => ({
        ...h,
        'X-Operon-Signature-KeyId': 'did:operon:emulator-buyer#keys-1',
      }),
      'INVALID_HEADERS',
    ],
    [
      'an unknown algorithm',
      (h: any) => ({ ...h, 'X-Operon-Signature-Alg': 'HS256' }),
      'INVALID_HEADERS',
    ],
  ])('answers 400 for %s', async (_name, change, code) => {
    const reply = await verify(PAYLOAD, change(headersFor(PAYLOAD)));

    expect(reply.status, reply.text).toBe(400);
    expect(reply.json).toEqual({ code, message: expect.any(String) });
  });

  it('skips the cryptographic check when signature checks are off', async () => {
    const headers = { ...headersFor(PAYLOAD), 'X-Operon-Signature': 'c2ln' };
    emu.setSignatureChecks(false);
    try {
      expect((await verify(PAYLOAD, headers)).status).toBe(200);
      const mismatch = await verify('changed', headers);
      expect(mismatch.json.code).toBe('PAYLOAD_HASH_MISMATCH');
    } finally {
      emu.setSignatureChecks(true);
    }
    expect((await verify(PAYLOAD, headers)).json.code).toBe(
      'INVALID_SIGNATURE',
    );
  });

  it('answers 404 DID_NOT_FOUND for an unknown DID in either encoding', async () => {
    for (const did of ['did:operon:ghost', 'did%3Aoperon%3Aghost']) {
      const headers = {
        ...headersFor(PAYLOAD),
        'X-Operon-DID': 'did:operon:ghost',
      };
      const reply = await verify(PAYLOAD, headers, did);
      expect(reply.status).toBe(404);
      expect(reply.json.code).toBe('DID_NOT_FOUND');
    }
  });
});
