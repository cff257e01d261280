import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  OperonApiError,
  OperonDecodeError,
  TransactionsService,
  type TransactionRequest,
} from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { bootOperon, type OperonTestApp } from '../support/operon-app.js';
import { unverifiedTransactions } from './signature-check.js';

let emu: OperonEmulator;
let app: OperonTestApp;
let transactions: TransactionsService;

const request = (patch: Partial<TransactionRequest> = {}) => ({
  correlationId: 'corr-errors',
  interactionId: 'intr-emulator-invoice',
  payload: 'first',
  ...patch,
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );

const count = (routeId: string) =>
  emu.requests().filter((r) => r.routeId === routeId).length;

beforeAll(async () => {
  emu = await OperonEmulator.start();
  app = await bootOperon(emu.moduleOptions({ retry: false }));
  transactions = app.moduleRef.get(TransactionsService);
});

beforeEach(() => {
  emu.faults.clear();
  emu.clearRequests();
});

afterAll(async () => {
  await app?.close();
  await emu?.stop();
});

it('replays a correlation ID safely and rejects a conflicting reuse', async () => {
  const first = await transactions.submitTransaction(request());
  const replay = await transactions.submitTransaction(request());
  expect(replay.id).toBe(first.id);

  const error = await failure(
    transactions.submitTransaction(request({ payload: 'second' })),
  );

  expect(error).toBeInstanceOf(OperonApiError);
  expect(error).toMatchObject({
    status: 409,
    code: 'CORRELATION_CONFLICT',
    method: 'POST',
    path: '/client-api/v1/transactions',
  });
  expect(emu.transactions()).toHaveLength(1);
});

it('surfaces an emulator fault on submission with status and code', async () => {
  emu.faults.inject({
    route: 'transactions',
    status: 500,
    body: { code: 'INTERNAL', message: 'disk full' },
  });
  const error = await failure(
    transactions.submitTransaction(request({ correlationId: 'corr-500' })),
  );
  expect(error).toBeInstanceOf(OperonApiError);
  expect(error).toMatchObject({ status: 500, code: 'INTERNAL' });
  expect(error?.message).toBe('operon: disk full (INTERNAL)');
});

it('surfaces a sign failure and posts nothing', async () => {
  emu.faults.inject({
    route: 'sign',
    status: 403,
    body: { code: 'FORBIDDEN', message: 'no signing rights' },
  });
  const error = await failure(
    transactions.submitTransaction(request({ correlationId: 'corr-403' })),
  );
  expect(error).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  expect(count('transactions')).toBe(0);
});

it.each([
  [{}],
  [{ signature: { algorithm: 'EdDSA', value: '  ' } }],
  [{ signature: { algorithm: ' ', value: 'c2ln' } }],
])('rejects a sign response lacking a signature: %j', async (body) => {
  emu.faults.inject({ route: 'sign', status: 200, body });
  const error = await failure(
    transactions.submitTransaction(request({ correlationId: 'corr-sig' })),
  );
  expect(error).toBeInstanceOf(OperonDecodeError);
  expect(error?.message).toBe('operon: sign response missing signature');
  expect(count('transactions')).toBe(0);
});

it('rejects an unknown interaction on the server side too', async () => {
  emu.faults.inject({
    route: 'transactions',
    status: 404,
    body: { code: 'INTERACTION_NOT_FOUND', message: 'gone' },
  });
  const error = await failure(
    transactions.submitTransaction(request({ correlationId: 'corr-404' })),
  );
  expect(error).toMatchObject({ status: 404, code: 'INTERACTION_NOT_FOUND' });
});

it('records only transactions whose signature verifies', async () => {
  expect(await unverifiedTransactions(emu)).toEqual([]);
});
