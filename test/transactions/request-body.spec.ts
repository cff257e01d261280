import { afterAll, beforeAll, expect, it } from 'vitest';
import { TransactionsService } from '../../lib/index.js';
import {
  OPERON_EMULATOR_DEFAULTS,
  OperonEmulator,
} from '../../lib/testing/index.js';
import { bootOperon, type OperonTestApp } from '../support/operon-app.js';
import { unverifiedTransactions } from './signature-check.js';

const { participants, workstreamId } = OPERON_EMULATOR_DEFAULTS;

let emu: OperonEmulator;
let app: OperonTestApp;

beforeAll(async () => {
  emu = await OperonEmulator.start();
  app = await bootOperon(emu.moduleOptions());
});

afterAll(async () => {
  await app?.close();
  await emu?.stop();
});

const lastBody = () =>
  emu
    .requests()
    .filter((r) => r.routeId === 'transactions')
    .map((r) => r.body)
    .at(-1)!;

it('trims strings and omits blanks and zero ROI integers', async () => {
  const transactions = app.moduleRef.get(TransactionsService);
  const at = new Date(Date.UTC(2026, 1, 9, 12, 34, 56));

  await transactions.submitTransaction({
    correlationId: ' corr-body ',
    workstreamId: ` ${workstreamId} `,
    interactionId: ' intr-emulator-invoice ',
    sourceDid: ` ${participants.supplier}`,
    timestamp: at,
    payload: { foo: 'bar' },
    roiClassification: 'increment',
    roiCost: 0,
    roiTime: 30,
    activeTimeSeconds: 0,
    state: ' ',
    stateId: '',
    roiBaseCost: 0,
    roiBaseTime: 7,
    label: '  ',
    tags: [' ', ''],
    actorExternalId: ' u-1 ',
    actorExternalDisplayName: '',
    actorExternalSource: ' crm ',
    customerId: ' ',
    createdBy: ' svc ',
  });

  expect(lastBody()).toBe(
    '{"correlationId":"corr-body",' +
      `"workstreamId":"${workstreamId}",` +
      '"interactionId":"intr-emulator-invoice",' +
      '"timestamp":"2026-02-09T12:34:56.000Z",' +
      `"sourceDid":"${participants.supplier}",` +
      `"targetDid":"${participants.buyer}",` +
      '"roiClassification":"increment","roiTime":30,' +
      '"activeTimeSeconds":0,"roiBaseTime":7,' +
      `"signature":${JSON.stringify(emu.transactions()[0]!.signature)},` +
      '"payloadHash":"eji_gfOD9pQzrW6QDTWz4jhVk_dqe3q11DVbi6Qe4ks",' +
      '"actorExternalId":"u-1","actorExternalSource":"crm",' +
      '"createdBy":"svc"}',
  );
});

it('never sends payload data, source codes or channelId', async () => {
  const transactions = app.moduleRef.get(TransactionsService);
  const before = Date.now();

  await transactions.submitTransaction({
    correlationId: 'corr-never',
    interactionId: 'intr-emulator-invoice',
    channelId: workstreamId,
    payload: 'secret business payload',
    stateId: 'state-new',
  });

  const body = JSON.parse(lastBody());
  for (const member of [
    'payloadData',
    'payload',
    'sourceCode',
    'stateSourceCode',
    'channelId',
    'activeTimeSeconds',
    'tags',
    'label',
  ]) {
    expect(body).not.toHaveProperty(member);
  }
  expect(lastBody()).not.toContain('secret business payload');
  expect(Date.parse(body.timestamp)).toBeGreaterThanOrEqual(before - 1000);
  expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  expect(body.signature.keyId).toBe(`${participants.supplier}#keys-1`);
});

it('records only transactions whose signature verifies', async () => {
  expect(await unverifiedTransactions(emu)).toEqual([]);
});
