import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  hashPayload,
  TransactionsService,
  type OperonModuleOptions,
  type TransactionRequest,
} from '../../lib/index.js';
import {
  OPERON_EMULATOR_DEFAULTS,
  OperonEmulator,
} from '../../lib/testing/index.js';
import { bootOperon, type OperonTestApp } from '../support/operon-app.js';
import { signatureProblem, unverifiedTransactions } from './signature-check.js';

const SUPPLIER = OPERON_EMULATOR_DEFAULTS.participants.supplier;
const BUYER = OPERON_EMULATOR_DEFAULTS.participants.buyer;
const WORKSTREAM = OPERON_EMULATOR_DEFAULTS.workstreamId;
const FOO_HASH = 'eji_gfOD9pQzrW6QDTWz4jhVk_dqe3q11DVbi6Qe4ks';

let emu: OperonEmulator;
const apps: OperonTestApp[] = [];
let seq = 0;

async function service(overrides: OperonModuleOptions = {}) {
  const app = await bootOperon(emu.moduleOptions(overrides));
  apps.push(app);
  return app.moduleRef.get(TransactionsService);
}

const request = (patch: Partial<TransactionRequest> = {}) => ({
  correlationId: `corr-${++seq}`,
  interactionId: 'intr-emulator-invoice',
  payload: Buffer.from('{"foo":"bar"}'),
  ...patch,
});

const count = (routeId: string) =>
  emu.requests().filter((r) => r.routeId === routeId).length;

beforeAll(async () => {
  emu = await OperonEmulator.start();
});

beforeEach(() => {
  emu.faults.clear();
  emu.clearRequests();
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await emu?.stop();
});

describe('payload forms', () => {
  it('hashes bytes, Uint8Array, strings and objects alike', async () => {
    const transactions = await service();
    const payloads = [
      Buffer.from('{"foo":"bar"}'),
      new TextEncoder().encode('{"foo":"bar"}'),
      '{"foo":"bar"}',
      { foo: 'bar' },
    ];
    for (const payload of payloads) {
      const result = await transactions.submitTransaction(request({ payload }));
      expect(result.payloadHash).toBe(FOO_HASH);
    }
  });

  it('submits in hash-only mode, signing the given hash', async () => {
    const transactions = await service();
    const payloadHash = hashPayload('hash only');

    const result = await transactions.submitTransaction(
      request({ payload: undefined, payloadHash: ` ${payloadHash} ` }),
    );

    expect(result.payloadHash).toBe(payloadHash);
    const sign = emu.requests().find((r) => r.routeId === 'sign')!;
    expect(JSON.parse(sign.body).payloadHash).toBe(payloadHash);
  });

  it('accepts a matching hash next to the payload, in any case', async () => {
    const transactions = await service();
    const result = await transactions.submitTransaction(
      request({ payloadHash: FOO_HASH.toUpperCase() }),
    );
    expect(result.payloadHash).toBe(FOO_HASH);
  });
});

describe('manual signatures', () => {
  it('posts a caller signature without calling the sign endpoint', async () => {
    const transactions = await service({ disableSelfSign: true });
    const signature = emu.signHash({ signer: SUPPLIER, payloadHash: FOO_HASH });

    const result = await transactions.submitTransaction(
      request({ signature: { algorithm: 'EdDSA', value: signature.value } }),
    );

    // Token, the two catalogue reads and the submission: four requests.
    expect(emu.requests()).toHaveLength(4);
    expect(count('sign')).toBe(0);
    expect(result.signature).toEqual({
      algorithm: 'EdDSA',
      value: signature.value,
      keyId: `${SUPPLIER}#keys-1`,
    });
  });

  it('keeps a supplied signature even with self-signing on', async () => {
    const transactions = await service();
    const signature = emu.signHash({
      signer: SUPPLIER,
      payloadHash: FOO_HASH,
      algorithm: 'ES256',
    });
    const result = await transactions.submitTransaction(request({ signature }));
    expect(count('sign')).toBe(0);
    expect(result.signature.keyId).toBe(`${SUPPLIER}#keys-2`);
  });

  it('self-signs with the configured algorithm', async () => {
    const transactions = await service({ signingAlgorithm: 'es256k' });
    const result = await transactions.submitTransaction(request());
    const sign = emu.requests().find((r) => r.routeId === 'sign')!;
    expect(JSON.parse(sign.body).algorithm).toBe('ES256K');
    expect(result.signature.keyId).toBe(`${SUPPLIER}#keys-3`);
  });
});

describe('one token per submission', () => {
  it('signs and posts with the same token from a provider', async () => {
    let calls = 0;
    const transactions = await service({
      tokenProvider: {
        getToken: () => {
          calls++;
          return { accessToken: emu.issuePat({ session_id: `s-${calls}` }) };
        },
      },
    });

    await transactions.submitTransaction(request());

    expect(calls).toBe(1);
    const auth = emu.requests().map((r) => r.headers.authorization);
    expect(new Set(auth).size).toBe(1);
    expect(auth).toHaveLength(4);
  });
});

describe('routing defaults', () => {
  it('takes channelId as the workstream and never sends it', async () => {
    const transactions = await service();
    await transactions.submitTransaction(request({ channelId: WORKSTREAM }));
    const body = JSON.parse(
      emu.requests().find((r) => r.routeId === 'transactions')!.body,
    );
    expect(body.workstreamId).toBe(WORKSTREAM);
    expect(body).not.toHaveProperty('channelId');
  });

  it('routes source and target from the interaction', async () => {
    const transactions = await service();
    const result = await transactions.submitTransaction(request());
    expect([result.sourceDid, result.targetDid]).toEqual([SUPPLIER, BUYER]);
    expect(result.workstreamId).toBe(WORKSTREAM);
  });
});

it('records only transactions whose signature verifies', async () => {
  expect(await unverifiedTransactions(emu)).toEqual([]);
});

it('has a signature check that spots foreign and altered signatures', async () => {
  const own = emu.signHash({ signer: SUPPLIER, payloadHash: FOO_HASH });
  const foreign = emu.signHash({ signer: BUYER, payloadHash: FOO_HASH });
  const check = (sig: typeof own) =>
    signatureProblem(emu.didResolverUrl, SUPPLIER, FOO_HASH, sig);

  expect(await check(own)).toBeUndefined();
  expect(await check({ ...foreign, keyId: own.keyId })).toBe(
    'signature does not verify',
  );
  expect(
    await signatureProblem(
      emu.didResolverUrl,
      SUPPLIER,
      hashPayload('other'),
      own,
    ),
  ).toBe('JWS payload is not the payload hash');
});
