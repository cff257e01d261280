import { afterAll, beforeAll, expect, it } from 'vitest';
import { TransactionsService } from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { bootOperon, type OperonTestApp } from '../support/operon-app.js';

// PROTOCOL §11.8, staged in a realm of its own: token participant
// did:operon:demo scoped to wstr-abc, interaction int-123 from prtp-src to
// prtp-dst, and a sign response without keyId.
const HASH = 'eji_gfOD9pQzrW6QDTWz4jhVk_dqe3q11DVbi6Qe4ks';
const SIGN_BODY =
  `{"payloadHash":"${HASH}","hashAlgorithm":"SHA-256",` +
  '"algorithm":"EdDSA"}';
const TRANSACTION_BODY =
  '{"correlationId":"corr-1","workstreamId":"wstr-abc",' +
  '"interactionId":"int-123","timestamp":"2026-02-09T12:34:56.120Z",' +
  '"sourceDid":"did:operon:src","targetDid":"did:operon:dst",' +
  '"signature":{"algorithm":"EdDSA","value":"c2lnbmF0dXJl",' +
  '"keyId":"did:operon:src#keys-1"},' +
  `"payloadHash":"${HASH}","label":"Demo","tags":["env:demo"]}`;

let emu: OperonEmulator;
let app: OperonTestApp;

beforeAll(async () => {
  emu = await OperonEmulator.start();
  emu.addWorkstream({ id: 'wstr-abc', name: 'ABC' });
  emu.addParticipant({
    id: 'prtp-demo',
    did: 'did:operon:demo',
    workstreamId: 'wstr-abc',
  });
  emu.addParticipant({
    id: 'prtp-src',
    did: 'did:operon:src',
    workstreamId: 'wstr-abc',
  });
  emu.addParticipant({
    id: 'prtp-dst',
    did: 'did:operon:dst',
    workstreamId: 'wstr-abc',
  });
  emu.addInteraction({
    id: 'int-123',
    sourceParticipantId: 'prtp-src',
    targetParticipantId: 'prtp-dst',
  });
  const demo = emu.addApp({
    participantId: 'prtp-demo',
    workstreamId: 'wstr-abc',
  });
  // The fixture signature is not a real one, so the emulator is told not
  // to check it; the point here is the exact bytes on the wire.
  emu.setSignatureChecks(false);
  emu.faults.inject({
    route: 'sign',
    status: 200,
    body: { signature: { algorithm: 'EdDSA', value: 'c2lnbmF0dXJl' } },
  });
  app = await bootOperon(
    emu.moduleOptions({
      clientId: demo.clientId,
      clientSecret: demo.clientSecret,
    }),
  );
});

afterAll(async () => {
  await app?.close();
  await emu?.stop();
});

it('sends the worked submission of PROTOCOL §11.8 byte for byte', async () => {
  const transactions = app.moduleRef.get(TransactionsService);

  const result = await transactions.submitTransaction({
    correlationId: 'corr-1',
    interactionId: 'int-123',
    payload: Buffer.from('{"foo":"bar"}'),
    label: ' Demo ',
    tags: [' env:demo ', ''],
    timestamp: new Date(Date.UTC(2026, 1, 9, 12, 34, 56, 120)),
  });

  const seen = emu.requests().map((r) => `${r.method} ${r.path}`);
  // The two catalogue reads run in parallel, so their order is free.
  expect([seen[0], ...seen.slice(1, 3).sort(), ...seen.slice(3)]).toEqual([
    'POST /oauth2/token',
    'GET /client-api/v1/interactions',
    'GET /client-api/v1/participants',
    'POST /client-api/v1/dids/self/sign',
    'POST /client-api/v1/transactions',
  ]);
  const sign = emu.requests().find((r) => r.routeId === 'sign')!;
  const post = emu.requests().find((r) => r.routeId === 'transactions')!;
  expect(sign.body).toBe(SIGN_BODY);
  expect(post.body).toBe(TRANSACTION_BODY);
  expect(post.headers['content-type']).toBe('application/json');
  expect(post.headers.accept).toBe('application/json');
  expect(post.headers.authorization).toBe(sign.headers.authorization);
  expect(result.correlationId).toBe('corr-1');
  expect(result.status).toBe('received');
  expect(result.id).toBe(emu.transactions()[0]!.id);
});
