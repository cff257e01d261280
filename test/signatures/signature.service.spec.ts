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
  OPERON_SIGNATURE_HEADER_NAMES,
  OperonApiError,
  type OperonModuleOptions,
  type OperonSignatureHeaders,
  OperonValidationError,
  SIGNING_ALGORITHMS,
  SignatureService,
} from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { bootOperon, type OperonTestApp } from '../support/operon-app.js';

const SUPPLIER = 'did:operon:emulator-supplier';
const PAYLOAD = '{"foo":"bar"}';

let emu: OperonEmulator;
let booted: OperonTestApp;
let signatures: SignatureService;
beforeAll(async () => {
  emu = await OperonEmulator.start();
  booted = await bootOperon(emu.moduleOptions({ logger: false }));
  signatures = booted.moduleRef.get(SignatureService);
});
afterAll(async () => {
  await booted.close();
  await emu.stop();
});
beforeEach(() => {
  emu.clearRequests();
});
afterEach(() => {
  emu.faults.clear();
});

const routes = (id: string) => emu.requests().filter((r) => r.routeId === id);

async function serviceWith(options: OperonModuleOptions) {
  const app = await bootOperon(
    emu.moduleOptions({ logger: false, ...options }),
  );
  return { app, service: app.moduleRef.get(SignatureService) };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('generateSignatureHeaders', () => {
  it.each(SIGNING_ALGORITHMS.map((a, i) => [a, i + 1]))(
    'signs with %s and names key %i',
    async (algorithm, keyNumber) => {
      const headers = await signatures.generateSignatureHeaders(
        PAYLOAD,
        ` ${algorithm.toUpperCase()} `,
      );
      expect(Object.keys(headers)).toEqual([...OPERON_SIGNATURE_HEADER_NAMES]);
      expect(headers).toMatchObject({
        [DID]: SUPPLIER,
        [HASH]: 'eji_gfOD9pQzrW6QDTWz4jhVk_dqe3q11DVbi6Qe4ks',
        [KEY_ID]: `${SUPPLIER}#keys-${keyNumber}`,
        [ALG]: algorithm,
      });
      expect(headers[SIG].split('.')).toHaveLength(3);
      const [sign] = routes('sign');
      expect(JSON.parse(sign!.body)).toEqual({
        payloadHash: headers[HASH],
        hashAlgorithm: 'SHA-256',
        algorithm,
      });
    },
  );

  it('defaults to the module algorithm', async () => {
    const { app, service } = await serviceWith({ signingAlgorithm: 'es256k' });
    try {
      const headers = await service.generateSignatureHeaders(PAYLOAD);
      expect(headers[ALG]).toBe('ES256K');
    } finally {
      await app.close();
    }
  });

  it('signs bytes and empty payloads exactly', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const forBytes = await signatures.generateSignatureHeaders(bytes);
    const forEmpty = await signatures.generateSignatureHeaders('');
    expect(forBytes[HASH]).toBe(hashPayload(bytes));
    expect(forEmpty[HASH]).toBe('47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU');
    const checks = await Promise.all([
      signatures.validateSignatureHeaders(bytes, forBytes),
      signatures.validateSignatureHeaders(Buffer.alloc(0), forEmpty),
    ]);
    expect(checks.map((c) => c.status)).toEqual(['VALID', 'VALID']);
  });

  it('rejects an unknown algorithm before any request', async () => {
    const error = await rejection(
      signatures.generateSignatureHeaders(PAYLOAD, 'RS256'),
    );
    expect(error).toBeInstanceOf(OperonValidationError);
    expect(error.message).toBe('unsupported signing algorithm RS256');
    expect(emu.requests()).toHaveLength(0);
  });

  it('refuses when self signing is disabled', async () => {
    const { app, service } = await serviceWith({ disableSelfSign: true });
    try {
      const error = await rejection(service.generateSignatureHeaders(PAYLOAD));
      expect(error.message).toBe(
        'automatic signing disabled: enable self signing to generate headers',
      );
      expect(routes('sign')).toHaveLength(0);
    } finally {
      await app.close();
    }
  });

  it('checks the participant DID before signing', async () => {
    const pat = emu.issuePat({ participant_did: undefined });
    const { app, service } = await serviceWith({
      tokenProvider: { getToken: () => ({ accessToken: pat }) },
    });
    try {
      const error = await rejection(service.generateSignatureHeaders(PAYLOAD));
      expect(error).toBeInstanceOf(OperonValidationError);
      expect(error.message).toBe('participant DID unavailable on access token');
      expect(routes('sign')).toHaveLength(0);
    } finally {
      await app.close();
    }
  });

  it('fills key ID and algorithm a signing answer left out', async () => {
    emu.faults.inject({
      route: 'sign',
      status: 200,
      body: { signature: { value: ' abc.def.ghi ' } },
    });
    const headers = await signatures.generateSignatureHeaders(PAYLOAD, 'ES256');
    expect(headers).toMatchObject({
      [SIG]: 'abc.def.ghi',
      [KEY_ID]: `${SUPPLIER}#keys-1`,
      [ALG]: 'ES256',
    });
  });

  it('fails when the signing answer has no value', async () => {
    emu.faults.inject({
      route: 'sign',
      status: 200,
      body: { signature: { algorithm: 'EdDSA', value: '  ' } },
    });
    const error = await rejection(signatures.generateSignatureHeaders(PAYLOAD));
    expect(error.message).toContain(
      'signature value missing from signing response',
    );
  });
});

describe('validateSignatureHeaders', () => {
  let headers: OperonSignatureHeaders;
  beforeAll(async () => {
    headers = await signatures.generateSignatureHeaders(PAYLOAD);
  });
  const lowerCased = () =>
    Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k.toLowerCase(), ` ${v} `]),
    );

  it('accepts Node-style lower-cased headers and sends E9', async () => {
    const result = await signatures.validateSignatureHeaders(
      PAYLOAD,
      lowerCased(),
    );
    expect(result).toEqual({
      status: 'VALID',
      message: 'Signature verified successfully',
      did: SUPPLIER,
      payloadHash: headers[HASH],
      algorithm: 'EdDSA',
      keyId: `${SUPPLIER}#keys-1`,
    });
    const [verify] = routes('verify');
    expect(verify!.method).toBe('POST');
    expect(verify!.path).toBe(
      '/client-api/v1/dids/did%3Aoperon%3Aemulator-supplier/signature/verify',
    );
    expect(verify!.body).toBe(PAYLOAD);
    const token = (await booted.auth.getToken()).accessToken;
    expect(verify!.headers.authorization).toBe(`Bearer ${token}`);
    for (const name of OPERON_SIGNATURE_HEADER_NAMES) {
      expect(verify!.headers[name.toLowerCase()]).toBe(headers[name]);
    }
  });

  it('returns empty strings for members Operon left out', async () => {
    emu.faults.inject({ route: 'verify', status: 200, body: { status: 'OK' } });
    const result = await signatures.validateSignatureHeaders(PAYLOAD, headers);
    expect(result).toEqual({
      status: 'OK',
      message: '',
      did: '',
      payloadHash: '',
      algorithm: '',
      keyId: '',
    });
  });

  const localFailures: Array<[string, () => unknown, string]> = [
    ['null headers', () => null, 'operon headers cannot be nil'],
    ['no headers', () => ({}), 'header X-Operon-DID is required'],
    ...OPERON_SIGNATURE_HEADER_NAMES.map(
      (name): [string, () => unknown, string] => [
        `blank ${name}`,
        () => ({ ...headers, [name]: ' \t' }),
        `header ${name} is required`,
      ],
    ),
    [
      'a repeated header',
      () => ({ ...headers, [SIG]: [headers[SIG], headers[SIG]] }),
      'header X-Operon-Signature must not be repeated',
    ],
    [
      'the same header under two spellings',
      () => ({ ...headers, 'x-operon-did': headers[DID] }),
      'header X-Operon-DID must not be repeated',
    ],
    [
      'the hash of another payload',
      () => ({ ...headers, [HASH]: hashPayload('other') }),
      `payload hash mismatch: expected ${hashPayload(PAYLOAD)}, got ${hashPayload('other')}`,
    ],
  ];

  it.each(localFailures)('rejects %s locally', async (_name, make, text) => {
    const error = await rejection(
      signatures.validateSignatureHeaders(PAYLOAD, make() as never),
    );
    expect(error).toBeInstanceOf(OperonValidationError);
    expect(error.message).toBe(text);
    expect(routes('verify')).toHaveLength(0);
  });

  it('compares the hash ignoring case, then lets Operon decide', async () => {
    const error = await rejection(
      signatures.validateSignatureHeaders(PAYLOAD, {
        ...headers,
        [HASH]: headers[HASH].toUpperCase(),
      }),
    );
    expect(error).toBeInstanceOf(OperonApiError);
    expect(error).toMatchObject({ status: 400, code: 'PAYLOAD_HASH_MISMATCH' });
    expect(routes('verify')).toHaveLength(1);
  });

  it('surfaces a signature Operon rejects as OperonApiError', async () => {
    const other = await signatures.generateSignatureHeaders('{"foo":"baz"}');
    const error = await rejection(
      signatures.validateSignatureHeaders(PAYLOAD, {
        ...headers,
        [SIG]: other[SIG],
      }),
    );
    expect(error).toMatchObject({ status: 400, code: 'INVALID_SIGNATURE' });
  });
});
