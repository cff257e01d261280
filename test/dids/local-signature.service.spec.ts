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
  hashPayload,
  OPERON_HEADER_ALGORITHM as ALG,
  OPERON_HEADER_DID as DID,
  OPERON_HEADER_KEY_ID as KEY_ID,
  OPERON_HEADER_PAYLOAD_HASH as HASH,
  OPERON_HEADER_SIGNATURE as SIG,
  OperonDidError,
  type OperonModuleOptions,
  type OperonSignatureHeaders,
  OperonValidationError,
  SIGNING_ALGORITHMS,
  SignatureService,
} from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { bootOperon, type OperonTestApp } from '../support/operon-app.js';
import {
  calls,
  DIDS,
  didError,
  freshKey,
  makeJws,
  OTHER_HASH,
} from './support/dids-fixtures.js';

const PAYLOAD = '{"invoice":"INV-7","amount":120}';
const PAYLOAD_HASH = hashPayload(PAYLOAD);

let emu: OperonEmulator;
const apps: OperonTestApp[] = [];
let local: SignatureService;

async function serviceWith(extra: OperonModuleOptions = {}) {
  const app = await bootOperon(
    emu.moduleOptions({ logger: false, retry: false, ...extra }),
  );
  apps.push(app);
  return app.moduleRef.get(SignatureService);
}

beforeAll(async () => {
  emu = await OperonEmulator.start();
  local = await serviceWith({ verification: 'local' });
});
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await emu.stop();
});
beforeEach(() => emu.clearRequests());
afterEach(() => emu.faults.clear());

/** The five headers for PAYLOAD, signed by `signer` through the emulator. */
function headersBy(
  signer: string,
  algorithm: (typeof SIGNING_ALGORITHMS)[number] = 'EdDSA',
): OperonSignatureHeaders {
  const signature = emu.signHash({
    signer,
    payloadHash: PAYLOAD_HASH,
    algorithm,
  });
  return {
    [DID]: signer,
    [HASH]: PAYLOAD_HASH,
    [SIG]: signature.value,
    [KEY_ID]: signature.keyId,
    [ALG]: signature.algorithm,
  };
}

/** Headers of a DID the emulator does not know, with a real JWS. */
function strangerHeaders(did: string): OperonSignatureHeaders {
  const kid = `${did}#keys-1`;
  const value = makeJws({ alg: 'EdDSA', kid }, PAYLOAD_HASH, freshKey('EdDSA'));
  return {
    [DID]: did,
    [HASH]: PAYLOAD_HASH,
    [SIG]: value,
    [KEY_ID]: kid,
    [ALG]: 'EdDSA',
  };
}

describe('SignatureService.validateSignatureHeaders in local mode', () => {
  it.each(SIGNING_ALGORITHMS)(
    'verifies %s headers made by generateSignatureHeaders',
    async (algorithm) => {
      const headers = await local.generateSignatureHeaders(PAYLOAD, algorithm);
      emu.clearRequests();

      const result = await local.validateSignatureHeaders(PAYLOAD, headers);
      expect(result).toEqual({
        status: 'VALID',
        message: 'Signature verified locally',
        did: DIDS.supplier,
        payloadHash: PAYLOAD_HASH,
        algorithm,
        keyId: headers[KEY_ID],
      });
      expect(calls(emu, 'verify')).toBe(0);
    },
  );

  it('resolves each sender once across many validations', async () => {
    const service = await serviceWith({ verification: 'local' });
    for (const algorithm of SIGNING_ALGORITHMS) {
      const headers = headersBy(DIDS.carrier, algorithm);
      await service.validateSignatureHeaders(Buffer.from(PAYLOAD), headers);
      await service.validateSignatureHeaders(PAYLOAD, headers);
    }
    expect(calls(emu, 'resolver')).toBe(1);
    expect(calls(emu, 'verify')).toBe(0);
  });

  it('accepts a payload hash header in another letter case (§5.3)', async () => {
    const headers = headersBy(DIDS.buyer);
    headers[HASH] = PAYLOAD_HASH.toLowerCase();
    const result = await local.validateSignatureHeaders(PAYLOAD, headers);
    expect(result.status).toBe('VALID');
  });

  it('throws the Go message for a payload hash mismatch', async () => {
    const headers = headersBy(DIDS.buyer);
    const error = await local
      .validateSignatureHeaders(`${PAYLOAD} `, headers)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperonValidationError);
    expect((error as Error).message).toMatch(/^payload hash mismatch: /);
    expect(calls(emu, 'resolver')).toBe(0);
  });

  it('requires all five headers', async () => {
    const { [KEY_ID]: _dropped, ...headers } = headersBy(DIDS.buyer);
    await expect(
      local.validateSignatureHeaders(PAYLOAD, headers),
    ).rejects.toThrow(`header ${KEY_ID} is required`);
  });

  it.each([
    ['an algorithm header the JWS does not name', { [ALG]: 'ES256' }],
    [
      'a key header the JWS does not name',
      { [KEY_ID]: `${DIDS.buyer}#keys-2` },
    ],
  ])('rejects %s without resolving', async (_what, change) => {
    const headers = { ...headersBy(DIDS.buyer), ...change };
    const error = await didError(() =>
      local.validateSignatureHeaders(PAYLOAD, headers),
    );
    expect(error.kind).toBe('verify_failed');
    expect(calls(emu, 'resolver')).toBe(0);
  });

  it('rejects a key of another DID than the sender', async () => {
    const headers = { ...headersBy(DIDS.buyer), [DID]: DIDS.supplier };
    const error = await didError(() =>
      local.validateSignatureHeaders(PAYLOAD, headers),
    );
    expect(error.kind).toBe('key_not_found');
    expect(calls(emu, 'resolver')).toBe(0);
  });

  it('rejects a JWS over another payload hash', async () => {
    const other = emu.signHash({ signer: DIDS.buyer, payloadHash: OTHER_HASH });
    const headers = { ...headersBy(DIDS.buyer), [SIG]: other.value };
    expect(
      (await didError(() => local.validateSignatureHeaders(PAYLOAD, headers)))
        .kind,
    ).toBe('verify_failed');
  });

  it('rejects a forged signature for a known key', async () => {
    const kid = `${DIDS.buyer}#keys-1`;
    const forged = makeJws(
      { alg: 'EdDSA', kid },
      PAYLOAD_HASH,
      freshKey('EdDSA'),
    );
    const headers = { ...headersBy(DIDS.buyer), [SIG]: forged };
    const error = await didError(() =>
      local.validateSignatureHeaders(PAYLOAD, headers),
    );
    expect(error.kind).toBe('verify_failed');
    expect(calls(emu, 'verify')).toBe(0);
  });

  it.each([
    ['not_found', 'did:operon:ghost'],
    ['unsupported_method', 'did:web:ghost.example'],
  ])('reports %s for an unknown sender', async (kind, did) => {
    const error = await didError(() =>
      local.validateSignatureHeaders(PAYLOAD, strangerHeaders(did)),
    );
    expect(error.kind).toBe(kind);
  });

  it('reports upstream_error when the resolver fails', async () => {
    emu.faults.inject({ route: 'resolver', status: 502 });
    const service = await serviceWith({ verification: 'local' });
    const error = await didError(() =>
      service.validateSignatureHeaders(PAYLOAD, headersBy(DIDS.buyer)),
    );
    expect(error).toBeInstanceOf(OperonDidError);
    expect(error.kind).toBe('upstream_error');
    expect(calls(emu, 'verify')).toBe(0);
  });

  it('stays remote by default', async () => {
    const remote = await serviceWith();
    const result = await remote.validateSignatureHeaders(
      PAYLOAD,
      headersBy(DIDS.buyer),
    );
    expect(result.message).toBe('Signature verified successfully');
    expect(calls(emu, 'verify')).toBe(1);
    expect(calls(emu, 'resolver')).toBe(0);
  });
});

describe('SignatureService.verifyIncoming in local mode', () => {
  const body = Buffer.from(PAYLOAD);

  it('reports a valid signature with the sender', async () => {
    const check = await local.verifyIncoming(
      body,
      headersBy(DIDS.buyer, 'ES256K'),
    );
    expect(check).toMatchObject({
      valid: true,
      senderDid: DIDS.buyer,
      verification: { status: 'VALID', algorithm: 'ES256K' },
    });
  });

  it('rejects an unknown sender', async () => {
    const check = await local.verifyIncoming(
      body,
      strangerHeaders('did:operon:ghost'),
    );
    expect(check).toMatchObject({ valid: false, kind: 'rejected' });
  });

  it.each([
    ['answers 500', { status: 500 }],
    ['resets the connection', { reset: true }],
    ['answers a body that is not JSON', { malformedJson: true }],
  ])('is unavailable when the resolver %s', async (_what, fault) => {
    const service = await serviceWith({ verification: 'local' });
    emu.faults.inject({ route: 'resolver', ...fault });
    const check = await service.verifyIncoming(body, headersBy(DIDS.buyer));
    expect(check).toMatchObject({ valid: false, kind: 'unavailable' });
  });
});
