import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OperonValidationError,
  TransactionsService,
  type OperonModuleOptions,
  type TransactionRequest,
} from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { bootOperon, type OperonTestApp } from '../support/operon-app.js';

const BASE: TransactionRequest = {
  correlationId: 'corr-rejected',
  interactionId: 'intr-emulator-invoice',
  payload: '{"foo":"bar"}',
};

let emu: OperonEmulator;
const apps: OperonTestApp[] = [];

async function service(overrides: OperonModuleOptions = {}) {
  const app = await bootOperon(emu.moduleOptions(overrides));
  apps.push(app);
  return app.moduleRef.get(TransactionsService);
}

const patToken = (claims: Record<string, undefined>) => ({
  tokenProvider: { getToken: () => ({ accessToken: emu.issuePat(claims) }) },
});

/** Submits, expecting a local rejection that signed and posted nothing. */
async function expectRejected(
  transactions: TransactionsService,
  request: TransactionRequest,
  message: string,
) {
  emu.clearRequests();
  const error = await transactions.submitTransaction(request).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OperonValidationError);
  expect((error as Error).message).toBe(message);
  const routes = emu.requests().map((r) => r.routeId);
  expect(routes).not.toContain('sign');
  expect(routes).not.toContain('transactions');
}

beforeAll(async () => {
  emu = await OperonEmulator.start();
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await emu?.stop();
});

describe('with self-signing on', () => {
  const cases: Array<[string, Partial<TransactionRequest>]> = [
    ['CorrelationID is required', { correlationId: '  ' }],
    ['InteractionID is required', { interactionId: '' }],
    ['SourceDID must be a valid DID', { sourceDid: 'operon:someone' }],
    ['TargetDID must be a valid DID', { targetDid: 'someone' }],
    ['payload bytes or payload hash is required', { payload: undefined }],
    ['payload bytes or payload hash is required', { payload: '' }],
    [
      'ROIClassification must be one of baseline, increment, savings',
      { roiClassification: 'BASELINE' as never },
    ],
    ['ActiveTimeSeconds cannot be negative', { activeTimeSeconds: -1 }],
    ['ROIBaseCost cannot be negative', { roiBaseCost: -1 }],
    ['ROIBaseTime cannot be negative', { roiBaseTime: -1 }],
    ['ROICostSaving cannot be negative', { roiCostSaving: -1 }],
    ['ROITimeSaving cannot be negative', { roiTimeSaving: -1 }],
    [
      'ActorExternalSource is required when ActorExternalID or ' +
        'ActorExternalDisplayName is set',
      { actorExternalId: 'u-1' },
    ],
    [
      'AssigneeExternalSource is required when AssigneeExternalID or ' +
        'AssigneeExternalDisplayName is set',
      { assigneeExternalDisplayName: 'Bob', assigneeExternalSource: ' ' },
    ],
  ];

  it.each(cases)('%s (no signature requested)', async (message, patch) => {
    const transactions = await service();
    await expectRejected(transactions, { ...BASE, ...patch }, message);
  });
});

describe('with self-signing off', () => {
  const cases: Array<[string, Partial<TransactionRequest>]> = [
    ['Signature algorithm is required', {}],
    ['Signature algorithm is required', { signature: { value: 'c2ln' } }],
    [
      'Signature value is required',
      { signature: { algorithm: 'EdDSA', value: ' ' } },
    ],
  ];

  it.each(cases)('%s', async (message, patch) => {
    const transactions = await service({ disableSelfSign: true });
    await expectRejected(transactions, { ...BASE, ...patch }, message);
  });
});

describe('with claims missing from the token', () => {
  it('needs a workstream from the request, the token or the interaction', async () => {
    const transactions = await service(patToken({ workstream_id: undefined }));
    await expectRejected(
      transactions,
      { ...BASE, interactionId: ' ' },
      'WorkstreamID is required',
    );
  });

  it('needs a participant DID before self-signing (v1.4)', async () => {
    const transactions = await service(
      patToken({ participant_did: undefined }),
    );
    await expectRejected(
      transactions,
      BASE,
      'participant DID unavailable on access token',
    );
  });
});

describe('payload hash problems (PROTOCOL §4.3)', () => {
  const cases: Array<[string, Partial<TransactionRequest>]> = [
    [
      'payload hash must be 43 characters, got 5',
      { payload: undefined, payloadHash: 'short' },
    ],
    [
      'payload hash must be base64url encoded: illegal character',
      { payload: undefined, payloadHash: `${'a'.repeat(42)}+` },
    ],
    [
      'provided payload hash does not match payload content: expected ' +
        'eji_gfOD9pQzrW6QDTWz4jhVk_dqe3q11DVbi6Qe4ks got ' +
        `${'a'.repeat(43)}`,
      { payloadHash: 'a'.repeat(43) },
    ],
  ];

  it.each(cases)('%s', async (message, patch) => {
    const transactions = await service();
    await expectRejected(transactions, { ...BASE, ...patch }, message);
  });
});
