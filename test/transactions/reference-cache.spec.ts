import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  OperonApiError,
  OperonValidationError,
  TransactionsService,
  type TransactionRequest,
} from '../../lib/index.js';
import {
  OPERON_EMULATOR_DEFAULTS,
  OperonEmulator,
} from '../../lib/testing/index.js';
import { bootOperon, type OperonTestApp } from '../support/operon-app.js';
import { unverifiedTransactions } from './signature-check.js';

const { participants, workstreamId } = OPERON_EMULATOR_DEFAULTS;

let emu: OperonEmulator;
const apps: OperonTestApp[] = [];
let seq = 0;

async function service() {
  const app = await bootOperon(emu.moduleOptions());
  apps.push(app);
  return app.moduleRef.get(TransactionsService);
}

const request = (patch: Partial<TransactionRequest> = {}) => ({
  correlationId: `corr-cache-${++seq}`,
  interactionId: 'intr-emulator-invoice',
  payload: `payload ${seq}`,
  ...patch,
});

const count = (routeId: string) =>
  emu.requests().filter((r) => r.routeId === routeId).length;

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );

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

describe('cold start', () => {
  it('200 concurrent submits share one token and one catalogue load', async () => {
    const transactions = await service();

    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        transactions.submitTransaction(request()),
      ),
    );

    expect(new Set(results.map((r) => r.id)).size).toBe(200);
    expect(count('token')).toBe(1);
    expect(count('interactions')).toBe(1);
    expect(count('participants')).toBe(1);
    expect(count('sign')).toBe(200);
    expect(count('transactions')).toBe(200);
  });
});

describe('lookup misses', () => {
  it('reloads exactly once, then reports the unknown interaction', async () => {
    const transactions = await service();
    await transactions.submitTransaction(request());
    emu.clearRequests();

    const error = await failure(
      transactions.submitTransaction(request({ interactionId: ' intr-nope ' })),
    );

    expect(error).toBeInstanceOf(OperonValidationError);
    expect(error?.message).toBe('interaction  intr-nope  not found');
    expect(count('interactions')).toBe(1);
    expect(count('participants')).toBe(1);
    expect(count('sign') + count('transactions')).toBe(0);
  });

  it('loads once on a cold client whose first lookup misses', async () => {
    const transactions = await service();
    const error = await failure(
      transactions.submitTransaction(request({ interactionId: 'intr-nope' })),
    );
    expect(error?.message).toBe('interaction intr-nope not found');
    expect(count('interactions')).toBe(1);
  });

  it('finds an interaction created after the first load', async () => {
    const transactions = await service();
    await transactions.submitTransaction(request());
    emu.addInteraction({
      id: 'intr-late',
      sourceParticipantId: 'prtp-emulator-supplier',
      targetParticipantId: 'prtp-emulator-carrier',
    });
    emu.clearRequests();

    const result = await transactions.submitTransaction(
      request({ interactionId: 'intr-late' }),
    );

    expect(result.targetDid).toBe(participants.carrier);
    expect(count('interactions')).toBe(1);
  });

  it('lets concurrent misses share one reload', async () => {
    const transactions = await service();
    await transactions.submitTransaction(request());
    emu.clearRequests();
    emu.faults.inject({ route: 'interactions', latencyMs: 50 });

    const errors = await Promise.all(
      Array.from({ length: 20 }, () =>
        failure(
          transactions.submitTransaction(request({ interactionId: 'nope' })),
        ),
      ),
    );

    expect(errors.every((e) => e instanceof OperonValidationError)).toBe(true);
    expect(count('interactions')).toBe(1);
    expect(count('participants')).toBe(1);
  });
});

describe('failed loads', () => {
  it('surfaces the cause and retries on the next call', async () => {
    const transactions = await service();
    emu.faults.inject({
      route: 'participants',
      status: 500,
      body: { code: 'INTERNAL', message: 'catalogue down' },
      times: 1,
    });

    const error = await failure(transactions.submitTransaction(request()));

    expect(error).toBeInstanceOf(OperonApiError);
    expect(error).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(error?.message).toBe(
      'refresh interaction cache: operon: catalogue down (INTERNAL)',
    );
    const result = await transactions.submitTransaction(request());
    expect(result.status).toBe('received');
    expect(count('interactions')).toBe(2);
  });

  it('reports interactions whose participants are not catalogued', async () => {
    const transactions = await service();
    const supplier = {
      id: 'prtp-emulator-supplier',
      did: participants.supplier,
    };
    emu.faults.inject({
      route: 'participants',
      status: 200,
      body: { data: [{ id: 'prtp-x' }, { did: 'did:operon:x' }] },
      times: 1,
    });
    expect(
      (await failure(transactions.submitTransaction(request())))?.message,
    ).toBe('interaction intr-emulator-invoice missing source DID');

    emu.faults.inject({
      route: 'participants',
      status: 200,
      body: { data: [supplier] },
      times: 1,
    });
    await transactions.reloadReferenceData();
    expect(
      (await failure(transactions.submitTransaction(request())))?.message,
    ).toBe('interaction intr-emulator-invoice missing target DID');
  });
});

describe('catalogue listing', () => {
  it('loads once and hands out copies with hydrated DIDs', async () => {
    const transactions = await service();

    const [interactions, people] = await Promise.all([
      transactions.interactions(),
      transactions.participants(),
    ]);
    interactions[0]!.states.push('mutated');
    people.pop();
    const again = await transactions.interactions();

    expect(count('interactions')).toBe(1);
    expect(count('participants')).toBe(1);
    expect(again[0]!.states).not.toContain('mutated');
    expect(await transactions.participants()).toHaveLength(people.length + 1);
    const invoice = again.find((i) => i.id === 'intr-emulator-invoice');
    expect(invoice).toMatchObject({
      workstreamId,
      sourceDid: participants.supplier,
      targetDid: participants.buyer,
      type: 'transition',
    });
    const handover = again.find((i) => i.type === 'movement');
    expect(handover?.fromStateId).toBe('state-packed');
  });

  it('reloads on request', async () => {
    const transactions = await service();
    await transactions.interactions();
    await transactions.reloadReferenceData();
    expect(count('interactions')).toBe(2);
    expect(count('token')).toBe(1);
  });
});

it('records only transactions whose signature verifies', async () => {
  expect(await unverifiedTransactions(emu)).toEqual([]);
});
