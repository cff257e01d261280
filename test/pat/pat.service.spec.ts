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
  OPERON_HEADER_PAYLOAD_HASH,
  OperonApiError,
  OperonValidationError,
  PatService,
  SIGNING_ALGORITHMS,
  SignatureService,
  type TransactionRequest,
} from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { bootOperon, type OperonTestApp } from '../support/operon-app.js';

const SUPPLIER = 'did:operon:emulator-supplier';
const BUYER = 'did:operon:emulator-buyer';
const PAYLOAD = '{"order":"P-1"}';
const HASH = hashPayload(PAYLOAD);

let emu: OperonEmulator;
let booted: OperonTestApp;
let pats: PatService;
let pat: string;
beforeAll(async () => {
  emu = await OperonEmulator.start();
  // Client credentials the PAT helpers must never use.
  booted = await bootOperon(
    emu.moduleOptions({ clientSecret: 'wrong', logger: false, retry: false }),
  );
  pats = booted.moduleRef.get(PatService);
});
afterAll(async () => {
  await booted.close();
  await emu.stop();
});
beforeEach(() => {
  pat = emu.issuePat();
  emu.clearRequests();
});
afterEach(() => {
  expect(emu.requests().filter((r) => r.routeId === 'token')).toEqual([]);
  emu.faults.clear();
});

const routes = (id: string) => emu.requests().filter((r) => r.routeId === id);

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

const BLANK_PAT_CALLS: Array<[string, (p: string) => Promise<unknown>]> = [
  ['signHashWithPat', (p) => pats.signHashWithPat(p, HASH, 'EdDSA')],
  [
    'submitTransactionWithPat',
    (p) => pats.submitTransactionWithPat(p, {} as never),
  ],
  [
    'validateSignatureWithPat',
    (p) => pats.validateSignatureWithPat(p, PAYLOAD, {}),
  ],
  ['fetchWorkstream', (p) => pats.fetchWorkstream(p, 'wstr-x')],
  ['fetchWorkstreamInteractions', (p) => pats.fetchWorkstreamInteractions(p)],
  ['fetchWorkstreamParticipants', (p) => pats.fetchWorkstreamParticipants(p)],
  ['validateSession', (p) => pats.validateSession(p)],
];

it.each(BLANK_PAT_CALLS)('%s requires a PAT', async (_name, call) => {
  for (const blank of ['', '  ', undefined as unknown as string]) {
    const error = await rejection(call(blank));
    expect(error).toBeInstanceOf(OperonValidationError);
    expect(error.message).toBe('pat is required');
  }
  expect(emu.requests()).toEqual([]);
});

describe('signHashWithPat', () => {
  it.each(SIGNING_ALGORITHMS.map((a) => [a]))('signs with %s', async (alg) => {
    const signature = await pats.signHashWithPat(` ${pat} `, ` ${HASH} `, alg);
    expect(signature.algorithm).toBe(alg);
    expect(signature.keyId).toMatch(new RegExp(`^${SUPPLIER}#keys-[123]$`));
    const [sign] = routes('sign');
    expect(sign!.headers.authorization).toBe(`Bearer ${pat}`);
    expect(sign!.headers.accept).toBe('application/json');
    expect(JSON.parse(sign!.body)).toEqual({
      payloadHash: HASH,
      hashAlgorithm: 'SHA-256',
      algorithm: alg,
    });
  });

  it('defaults the key ID from the PAT participant', async () => {
    emu.faults.inject({
      route: 'sign',
      status: 200,
      body: { signature: { algorithm: 'EdDSA', value: 'v' } },
    });
    const signature = await pats.signHashWithPat(pat, HASH, 'eddsa');
    expect(signature).toEqual({
      algorithm: 'EdDSA',
      value: 'v',
      keyId: `${SUPPLIER}#keys-1`,
    });
  });

  const invalid: Array<[string, string, string, string]> = [
    ['a blank hash', ' ', 'EdDSA', 'payload hash is required'],
    [
      'a short hash',
      'short',
      'EdDSA',
      'payload hash must be 43 characters, got 5',
    ],
    [
      'a hash that is not base64url',
      `${'a'.repeat(42)}+`,
      'EdDSA',
      'payload hash must be base64url encoded: illegal character',
    ],
    ['a blank algorithm', HASH, ' ', 'unsupported signing algorithm  '],
    [
      'an unknown algorithm',
      HASH,
      'RS256',
      'unsupported signing algorithm RS256',
    ],
  ];

  it.each(invalid)('rejects %s', async (_name, hash, alg, message) => {
    const error = await rejection(pats.signHashWithPat(pat, hash, alg));
    expect(error).toBeInstanceOf(OperonValidationError);
    expect(error.message).toBe(message);
    expect(emu.requests()).toEqual([]);
  });

  it('requires algorithm and value in the answer', async () => {
    emu.faults.inject({
      route: 'sign',
      status: 200,
      body: { signature: { value: 'v' } },
    });
    const error = await rejection(pats.signHashWithPat(pat, HASH, 'EdDSA'));
    expect(error.message).toContain('sign response missing signature');
  });

  it('surfaces a revoked PAT as a 401 OperonApiError', async () => {
    emu.revoke(pat);
    const error = await rejection(pats.signHashWithPat(pat, HASH, 'EdDSA'));
    expect(error).toBeInstanceOf(OperonApiError);
    expect(error).toMatchObject({ status: 401, code: 'SESSION_EXPIRED' });
  });
});

describe('submitTransactionWithPat', () => {
  async function request(
    extra: Partial<TransactionRequest> = {},
  ): Promise<TransactionRequest> {
    const signature = await pats.signHashWithPat(pat, HASH, 'ES256');
    emu.clearRequests();
    return {
      correlationId: `corr-${Math.random()}`,
      interactionId: 'intr-emulator-invoice',
      targetDid: BUYER,
      payload: PAYLOAD,
      signature,
      activeTimeSeconds: 0,
      label: ' PAT ',
      ...extra,
    };
  }

  it('fills workstream and source from the PAT and sends activeTime 0', async () => {
    const transaction = await pats.submitTransactionWithPat(
      pat,
      await request(),
    );
    expect(transaction).toMatchObject({
      workstreamId: emu.realm.defaultWorkstreamId,
      sourceDid: SUPPLIER,
      targetDid: BUYER,
      payloadHash: HASH,
      status: 'received',
    });
    const [post] = routes('transactions');
    expect(post!.headers.authorization).toBe(`Bearer ${pat}`);
    const body = JSON.parse(post!.body);
    expect(body).toMatchObject({
      workstreamId: emu.realm.defaultWorkstreamId,
      sourceDid: SUPPLIER,
      activeTimeSeconds: 0,
      label: 'PAT',
      payloadHash: HASH,
    });
    expect(body).not.toHaveProperty('payload');
    expect(routes('interactions')).toEqual([]);
    expect(routes('sign')).toEqual([]);
  });

  const rejected: Array<[string, Partial<TransactionRequest>, string]> = [
    ['no target DID', { targetDid: undefined }, 'TargetDID is required'],
    [
      'no signature',
      { signature: undefined },
      'Signature algorithm is required',
    ],
    [
      'a signature without value',
      { signature: { algorithm: 'EdDSA' } },
      'Signature value is required',
    ],
    [
      'a negative activeTime',
      { activeTimeSeconds: -1 },
      'ActiveTimeSeconds cannot be negative',
    ],
    [
      'a hash that does not match',
      { payloadHash: hashPayload('other') },
      'provided payload hash does not match payload content: ' +
        `expected ${HASH} got ${hashPayload('other')}`,
    ],
  ];

  it.each(rejected)('rejects %s locally', async (_name, extra, message) => {
    const error = await rejection(
      pats.submitTransactionWithPat(pat, await request(extra)),
    );
    expect(error).toBeInstanceOf(OperonValidationError);
    expect(error.message).toBe(message);
    expect(emu.requests()).toEqual([]);
  });

  it('reports an unscoped PAT without workstream', async () => {
    const unscoped = emu.issuePat({ workstream_id: undefined });
    const error = await rejection(
      pats.submitTransactionWithPat(unscoped, await request()),
    );
    expect(error.message).toBe('WorkstreamID is required');
  });
});

describe('validateSignatureWithPat', () => {
  it('validates headers with the PAT as bearer', async () => {
    const other = await bootOperon(emu.moduleOptions({ logger: false }));
    const headers = await other.moduleRef
      .get(SignatureService)
      .generateSignatureHeaders(PAYLOAD);
    await other.close();
    emu.clearRequests();

    const result = await pats.validateSignatureWithPat(pat, PAYLOAD, headers);
    expect(result).toMatchObject({ status: 'VALID', did: SUPPLIER });
    const [verify] = routes('verify');
    expect(verify!.headers.authorization).toBe(`Bearer ${pat}`);

    const error = await rejection(
      pats.validateSignatureWithPat(pat, '{"tampered":1}', headers),
    );
    expect(error.message).toBe(
      `payload hash mismatch: expected ${hashPayload('{"tampered":1}')}, ` +
        `got ${headers[OPERON_HEADER_PAYLOAD_HASH]}`,
    );
    expect(routes('verify')).toHaveLength(1);
  });
});

describe('workstream reads', () => {
  const wsId = () => emu.realm.defaultWorkstreamId;

  it('reads the PAT workstream, its interactions and participants', async () => {
    const workstream = await pats.fetchWorkstream(pat);
    const interactions = await pats.fetchWorkstreamInteractions(pat);
    const participants = await pats.fetchWorkstreamParticipants(pat);
    expect(workstream.id).toBe(wsId());
    expect(workstream.states.length).toBeGreaterThan(0);
    expect(interactions.interactions.map((i) => i.id)).toContain(
      'intr-emulator-invoice',
    );
    expect(participants.participants.map((x) => x.did)).toContain(BUYER);
    for (const req of emu.requests()) {
      expect(req.headers.authorization).toBe(`Bearer ${pat}`);
      expect(req.headers.accept).toBe('application/json');
    }
  });

  it('prefers a non-blank override, escaped', async () => {
    const added = emu.addWorkstream({ id: 'wstr a/b?c' });
    const workstream = await pats.fetchWorkstream(pat, ` ${added.id} `);
    expect(workstream.id).toBe(added.id);
    expect(routes('workstream')[0]!.path).toBe(
      '/client-api/v1/workstreams/wstr%20a%2Fb%3Fc',
    );
    expect((await pats.fetchWorkstream(pat, '  ')).id).toBe(wsId());
  });

  it('needs a workstream from the override or the PAT', async () => {
    const unscoped = emu.issuePat({ workstream_id: undefined });
    emu.clearRequests();
    for (const call of [
      () => pats.fetchWorkstream(unscoped),
      () => pats.fetchWorkstreamInteractions(unscoped, ' '),
      () => pats.fetchWorkstreamParticipants(unscoped),
    ]) {
      const error = await rejection(call());
      expect(error.message).toBe(
        'workstream ID is required: token not scoped to a workstream and ' +
          'no override provided',
      );
    }
    expect(emu.requests()).toEqual([]);
  });

  it('surfaces an unknown workstream as a 404 OperonApiError', async () => {
    const error = await rejection(pats.fetchWorkstream(pat, 'wstr-missing'));
    expect(error).toMatchObject({ status: 404, code: 'WORKSTREAM_NOT_FOUND' });
  });
});

describe('validateSession', () => {
  it('combines the session answer and the PAT claims', async () => {
    const token = emu.issuePat(
      { roles: [' admin ', 'm2m'] },
      { lifetimeSeconds: 120 },
    );
    const session = await pats.validateSession(token);
    const app = emu.realm.defaultApp;
    expect(session).toMatchObject({
      userId: app.id,
      email: app.email,
      name: app.name,
      customerId: emu.realm.customerId,
      roles: ['admin', 'm2m'],
      featureFlags: app.featureFlags,
      workstreamId: emu.realm.defaultWorkstreamId,
      workspaceId: emu.realm.workspaceId,
      participantDid: SUPPLIER,
      participantId: 'prtp-emulator-supplier',
      clientId: app.clientId,
    });
    expect(session.sessionId).toMatch(/^sess/);
    expect(session.expiresAt).toBeInstanceOf(Date);
    expect(session.expiresInSeconds).toBeGreaterThanOrEqual(119);
    expect(session.expiresInSeconds).toBeLessThanOrEqual(120);
    const [validate] = routes('validate');
    expect(validate!.method).toBe('GET');
    expect(validate!.headers.accept).toBe('application/json');
  });

  it('rounds the time left and never goes negative', async () => {
    emu.faults.inject({ route: 'validate', status: 200, body: {} });
    const exp = Math.floor(Date.now() / 1000) - 30;
    const expired = await pats.validateSession(emu.issuePat({ exp }));
    expect(expired.expiresInSeconds).toBe(0);
    expect(expired.featureFlags).toEqual({});
    expect(expired.roles).toEqual([]);
  });

  it.each([
    ['revoked', (t: string) => emu.revoke(t)],
    ['expired', () => undefined],
  ])('rejects a %s PAT with 401 SESSION_EXPIRED', async (name, act) => {
    const token =
      name === 'expired'
        ? emu.issuePat({}, { lifetimeSeconds: -1 })
        : emu.issuePat();
    act(token);
    const error = await rejection(pats.validateSession(token));
    expect(error).toBeInstanceOf(OperonApiError);
    expect(error).toMatchObject({ status: 401, code: 'SESSION_EXPIRED' });
  });

  it('rejects an answer that is not an object', async () => {
    emu.faults.inject({ route: 'validate', status: 200, body: ['x'] });
    const error = await rejection(pats.validateSession(pat));
    expect(error.message).toContain('decode validation response');
  });
});
