import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OperonEmulator } from '../../lib/testing/index.js';
import {
  expectErrorBody,
  expectTransactionShape,
  payloadHash,
  postJson,
} from './emulator.helpers.js';

const SUPPLIER = 'did:operon:emulator-supplier';
const BUYER = 'did:operon:emulator-buyer';
const CARRIER = 'did:operon:emulator-carrier';
const HASH = payloadHash('{"foo":"bar"}');

describe('E3 transactions', () => {
  let emu: OperonEmulator;
  let counter = 0;

  beforeAll(async () => {
    emu = await OperonEmulator.start();
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.setSignatureChecks(true));

  function transaction(overrides: Record<string, unknown> = {}) {
    counter += 1;
    const hash = (overrides.payloadHash as string | undefined) ?? HASH;

    return {
      correlationId: `corr-${counter}`,
      workstreamId: emu.realm.defaultWorkstreamId,
      interactionId: 'intr-emulator-invoice',
      timestamp: '2026-02-09T12:34:56.120Z',
      sourceDid: SUPPLIER,
      targetDid: BUYER,
      signature: emu.signHash({ signer: SUPPLIER, payloadHash: hash }),
      payloadHash: hash,
      ...overrides,
    };
  }

  function submit(body: unknown, token?: string) {
    return postJson(emu, '/v1/transactions', body, token);
  }

  it('stores a self-signed transaction and returns the record', async () => {
    const token = emu.issuePat();
    const signed = await postJson(
      emu,
      '/v1/dids/self/sign',
      { payloadHash: HASH, hashAlgorithm: 'SHA-256', algorithm: 'ES256' },
      token,
    );
    const body = transaction({
      signature: signed.json.signature,
      stateId: 'state-delivered',
      label: 'Demo',
      tags: ['env:demo'],
      activeTimeSeconds: 0,
    });
    const reply = await submit(body, token);

    expect(reply.status).toBe(200);
    expectTransactionShape(reply.json);
    expect(reply.json).toMatchObject({
      status: 'received',
      correlationId: body.correlationId,
      stateLabel: 'Delivered',
      label: 'Demo',
      tags: ['env:demo'],
      activeTimeSeconds: 0,
      signature: signed.json.signature,
      roiCostIncrement: 12,
      roiTimeIncrement: 300,
      roiCostSavings: 0,
      createdBy: emu.credentials.clientId,
    });
    expect(reply.json.id).toMatch(/^txn-/);
    expect(emu.transactions()).toContainEqual(reply.json);
  });

  it('accepts Python-style empty members and keeps them out of the record', async () => {
    const body = transaction({
      timestamp: '2026-02-09T12:34:56.120000+00:00',
      roiClassification: '',
      roiCost: 0,
      roiTime: 0,
      activeTimeSeconds: null,
      state: '',
      stateId: '',
      stateLabel: '',
      roiBaseCost: 0,
      roiBaseTime: 0,
      roiCostSaving: 0,
      roiTimeSaving: 0,
      actorExternalId: '',
      actorExternalDisplayName: '',
      actorExternalSource: '',
      assigneeExternalId: '',
      assigneeExternalDisplayName: '',
      assigneeExternalSource: '',
      customerId: '',
      workspaceId: '',
      createdBy: '',
      signature: {
        ...emu.signHash({ signer: SUPPLIER, payloadHash: HASH }),
        keyId: '',
      },
    });
    const reply = await submit(body);

    expect(reply.status, reply.text).toBe(200);
    expectTransactionShape(reply.json);
    for (const key of [
      'roiCost',
      'activeTimeSeconds',
      'state',
      'stateLabel',
      'actorExternalId',
    ]) {
      expect(reply.json).not.toHaveProperty(key);
    }
    expect(reply.json.signature).not.toHaveProperty('keyId');
    expect(reply.json.timestamp).toBe('2026-02-09T12:34:56.120000+00:00');
    expect(reply.json.customerId).toBe(emu.realm.customerId);
  });

  it.each([
    '2026-02-09T12:34:56.12Z',
    '2026-02-09T12:34:56Z',
    '2026-02-09T12:34:56.123456789Z',
    '2026-02-09T14:34:56.120+02:00',
  ])('accepts the RFC 3339 timestamp %s', async (timestamp) => {
    const reply = await submit(transaction({ timestamp }));

    expect(reply.status).toBe(200);
    expect(reply.json.timestamp).toBe(timestamp);
  });

  it('fills a missing timestamp with the receipt time', async () => {
    const body = transaction();
    delete (body as Record<string, unknown>).timestamp;
    const reply = await submit(body);

    expect(reply.status).toBe(200);
    expect(Date.parse(reply.json.timestamp)).toBeGreaterThan(
      Date.now() - 60_000,
    );
  });

  it('replays the stored record for the same correlation ID', async () => {
    const body = transaction();
    const first = await submit(body);
    const again = await submit({ ...body, label: 'second try' });

    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(
      emu.transactions().filter((t) => t.correlationId === body.correlationId),
    ).toHaveLength(1);
  });

  it('answers 409 CORRELATION_CONFLICT for a different payload or interaction', async () => {
    const body = transaction();
    await submit(body);
    const otherHash = payloadHash('other');
    const hashConflict = await submit({
      ...body,
      payloadHash: otherHash,
      signature: emu.signHash({ signer: SUPPLIER, payloadHash: otherHash }),
    });
    const interactionConflict = await submit({
      ...body,
      interactionId: 'intr-emulator-handover',
      targetDid: CARRIER,
    });

    expectErrorBody(hashConflict, 409, 'CORRELATION_CONFLICT');
    expectErrorBody(interactionConflict, 409, 'CORRELATION_CONFLICT');
  });

  it('scopes correlation IDs per workstream', async () => {
    const ws = emu.addWorkstream({ name: 'Second' });
    const a = emu.addParticipant({ workstreamId: ws.id });
    const b = emu.addParticipant({ workstreamId: ws.id });
    const interaction = emu.addInteraction({
      sourceParticipantId: a.id,
      targetParticipantId: b.did,
    });
    const first = transaction();
    await submit(first);
    const reply = await submit({
      ...first,
      workstreamId: ws.id,
      interactionId: interaction.id,
      sourceDid: a.did,
      targetDid: b.did,
      signature: emu.signHash({ signer: a.id, payloadHash: HASH }),
    });

    expect(reply.status, reply.text).toBe(200);
    expect(reply.json.workstreamId).toBe(ws.id);
  });

  it.each([
    [
      'a tampered signature',
      (b: any) => ({
        ...b,
        signature: {
          ...b.signature,
          value: `${b.signature.value.slice(0, -4)}AAAA`,
        },
      }),
    ],
    [
      "another participant's key",
      (b: any) => ({
        ...b,
        signature: emu.signHash({ signer: BUYER, payloadHash: HASH }),
      }),
    ],
    [
      'a signature over another hash',
      (b: any) => ({
        ...b,
        signature: emu.signHash({
          signer: SUPPLIER,
          payloadHash: payloadHash('x'),
        }),
      }),
    ],
    [
      'a non-JWS value',
      (b: any) => ({
        ...b,
        signature: { algorithm: 'EdDSA', value: 'c2lnbmF0dXJl' },
      }),
    ],
    [
      'a mismatching algorithm',
      (b: any) => ({
        ...b,
        signature: { ...b.signature, algorithm: 'ES256', keyId: undefined },
      }),
    ],
    [
      'a key ID of another DID',
      (b: any) => ({
        ...b,
        signature: { ...b.signature, keyId: `${BUYER}#keys-1` },
      }),
    ],
  ])('answers 400 INVALID_SIGNATURE for %s', async (_name, change) => {
    const reply = await submit(change(transaction()));

    expectErrorBody(reply, 400, 'INVALID_SIGNATURE');
  });

  it('accepts any signature while checks are off', async () => {
    emu.setSignatureChecks(false);
    expect(emu.signatureChecks).toBe(false);
    const reply = await submit(
      transaction({ signature: { algorithm: 'EdDSA', value: 'c2ln' } }),
    );

    expect(reply.status).toBe(200);
  });

  it.each([
    ['correlationId', { correlationId: undefined }, 400, 'VALIDATION_ERROR'],
    ['blank workstreamId', { workstreamId: '  ' }, 400, 'VALIDATION_ERROR'],
    ['interactionId', { interactionId: null }, 400, 'VALIDATION_ERROR'],
    ['numeric sourceDid', { sourceDid: 7 }, 400, 'VALIDATION_ERROR'],
    ['signature', { signature: undefined }, 400, 'VALIDATION_ERROR'],
    [
      'signature value',
      { signature: { algorithm: 'EdDSA' } },
      400,
      'VALIDATION_ERROR',
    ],
    [
      'a non-DID source',
      { sourceDid: 'emulator-supplier' },
      400,
      'INVALID_DID',
    ],
    ['a non-DID target', { targetDid: 'buyer' }, 400, 'INVALID_DID'],
    ['a short hash', { payloadHash: 'short' }, 400, 'INVALID_PAYLOAD_HASH'],
    [
      'a naive timestamp',
      { timestamp: '2026-02-09T12:34:56.120000' },
      400,
      'INVALID_TIMESTAMP',
    ],
    [
      'a date-only timestamp',
      { timestamp: '2026-02-09' },
      400,
      'INVALID_TIMESTAMP',
    ],
    [
      'an unknown ROI class',
      { roiClassification: 'Savings' },
      400,
      'VALIDATION_ERROR',
    ],
    ['a negative roiBaseCost', { roiBaseCost: -1 }, 400, 'VALIDATION_ERROR'],
    ['a fractional roiCost', { roiCost: 1.5 }, 400, 'VALIDATION_ERROR'],
    ['a string roiTime', { roiTime: '5' }, 400, 'VALIDATION_ERROR'],
    [
      'a negative activeTimeSeconds',
      { activeTimeSeconds: -3 },
      400,
      'VALIDATION_ERROR',
    ],
    ['non-string tags', { tags: ['a', 1] }, 400, 'VALIDATION_ERROR'],
    [
      'an actor without source',
      { actorExternalId: 'u-1' },
      400,
      'VALIDATION_ERROR',
    ],
    [
      'an unknown algorithm',
      { signature: { algorithm: 'RS256', value: 'x' } },
      400,
      'UNSUPPORTED_ALGORITHM',
    ],
    [
      'an unknown workstream',
      { workstreamId: 'wstr-none' },
      404,
      'WORKSTREAM_NOT_FOUND',
    ],
    [
      'an unknown interaction',
      { interactionId: 'intr-none' },
      404,
      'INTERACTION_NOT_FOUND',
    ],
    ['a wrong source', { sourceDid: CARRIER }, 400, 'INTERACTION_MISMATCH'],
    ['a wrong target', { targetDid: CARRIER }, 400, 'INTERACTION_MISMATCH'],
  ])('rejects %s', async (_name, change, status, code) => {
    const reply = await submit(transaction(change));

    expectErrorBody(reply, status, code);
    expect(
      emu.transactions().some((t) => t.correlationId === `corr-${counter}`),
    ).toBe(false);
  });

  it('rejects an interaction of another workstream', async () => {
    const ws = emu.addWorkstream();
    const reply = await submit(transaction({ workstreamId: ws.id }));

    expectErrorBody(reply, 400, 'INTERACTION_MISMATCH');
  });

  it('derives savings from the interaction and the request', async () => {
    const hash = payloadHash('movement');
    const reply = await submit(
      transaction({
        interactionId: 'intr-emulator-handover',
        targetDid: CARRIER,
        payloadHash: hash,
        roiCostSaving: 3,
        roiTimeSaving: 30,
      }),
    );

    expect(reply.json).toMatchObject({
      roiCostIncrement: 0,
      roiCostSavings: 8,
      roiTimeSavings: 150,
      roiCostSaving: 3,
    });
  });

  it.each([
    ['malformed JSON', '{"correlationId":'],
    ['an array', '[{}]'],
    ['null', 'null'],
  ])('answers 400 INVALID_JSON for %s', async (_name, raw) => {
    const reply = await fetch(`${emu.baseUrl}/v1/transactions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.issuePat()}` },
      body: raw,
    });

    expect(reply.status).toBe(400);
    expect(await reply.json()).toMatchObject({ code: 'INVALID_JSON' });
  });
});
