import { Test } from '@nestjs/testing';
import { OperonModule, TransactionsService, WorkstreamsService, findStateByName, defaultState, activeStates, PatService } from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { afterAll, beforeAll, expect, it } from 'vitest';

let emulator: OperonEmulator;

beforeAll(async () => {
  emulator = await OperonEmulator.start(); // free port on 127.0.0.1
});
afterAll(() => emulator.stop());

it('records an order', async () => {
  const moduleRef = await Test.createTestingModule({
    imports: [OperonModule.forRoot(emulator.moduleOptions())],
  }).compile();
  const transactions = moduleRef.get(TransactionsService);

  const tx = await transactions.submitTransaction({
    correlationId: 'order-1',
    interactionId: 'intr-emulator-invoice',
    payload: '{"orderId":"1"}',
  });

  expect(emulator.transactions()).toEqual([
    expect.objectContaining({ id: tx.id, correlationId: 'order-1' }),
  ]);
  const ws = moduleRef.get(WorkstreamsService);
  const workstream = await ws.getWorkstream();
  console.log(defaultState(workstream)?.name, findStateByName(workstream, 'shipped')?.id, activeStates(workstream).map(s=>s.name));
  const pat = moduleRef.get(PatService);
  const p = emulator.issuePat();
  const { hashPayload } = await import('../../lib/index.js');
  const payloadHash = hashPayload('{"x":1}');
  const signature = await pat.signHashWithPat(p, payloadHash, 'EdDSA');
  const stored = await pat.submitTransactionWithPat(p, { correlationId: 'order-1002', interactionId: 'intr-emulator-invoice', targetDid: 'did:operon:emulator-buyer', payloadHash, signature });
  console.log(stored.status, (await pat.fetchWorkstream(p)).id);
  await moduleRef.close();
});
