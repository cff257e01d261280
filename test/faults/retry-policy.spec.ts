import { ScheduleModule } from '@nestjs/schedule';
import { Test, type TestingModule } from '@nestjs/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  OperonApiError,
  OperonModule,
  type OperonModuleOptions,
  TransactionsService,
} from '../../lib/index.js';
import {
  OperonEmulator,
  type OperonEmulatorRouteId,
} from '../../lib/testing/index.js';
import { waitFor } from '../support/deferred.js';
import { faultTransaction } from './support/fault-app.js';

// The retry policy as users meet it (issue 8, part 4): the defaults, the
// replay-safe submission, the answers that are never retried, and the
// heartbeat that never retries at all.

let emu: OperonEmulator;
let moduleRef: TestingModule | undefined;

beforeAll(async () => {
  emu = await OperonEmulator.start();
});
afterAll(() => emu.stop());
afterEach(async () => {
  emu.faults.clear();
  await moduleRef?.close();
  moduleRef = undefined;
});

async function boot(overrides: OperonModuleOptions = {}) {
  moduleRef = await Test.createTestingModule({
    imports: [
      ScheduleModule.forRoot(),
      OperonModule.forRoot(emu.moduleOptions({ logger: false, ...overrides })),
    ],
  }).compile();
  await moduleRef.init();
  const transactions = moduleRef.get(TransactionsService);
  await transactions.interactions();
  emu.clearRequests();
  return transactions;
}

const hits = (route: OperonEmulatorRouteId) =>
  emu.requests().filter((r) => r.routeId === route);

describe('default retry policy', () => {
  it('retries a 503 twice, backing off 50–100 ms, then 100–200 ms', async () => {
    const transactions = await boot();
    emu.faults.inject({ route: 'interactions', status: 503, times: 2 });
    await transactions.reloadReferenceData();
    const [first, second, third] = hits('interactions');
    expect(hits('interactions')).toHaveLength(3);
    expect(second!.timestamp - first!.timestamp).toBeGreaterThanOrEqual(45);
    expect(third!.timestamp - second!.timestamp).toBeGreaterThanOrEqual(95);
  });

  it('gives up after the third attempt with the last answer', async () => {
    const transactions = await boot();
    emu.faults.inject({ route: 'participants', status: 502 });
    const error = await transactions.reloadReferenceData().catch((e) => e);
    expect(error).toBeInstanceOf(OperonApiError);
    expect(error).toMatchObject({ status: 502 });
    expect(hits('participants')).toHaveLength(3);
  });
});

describe('submissions', () => {
  const FAST = { retries: 2, minDelayMs: 1, maxDelayMs: 5 };

  it('a timed-out attempt that was stored is answered by the replay', async () => {
    const transactions = await boot({ retry: FAST, httpTimeoutMs: 200 });
    // Attempt 1 is stored at ~300 ms, after the client gave up on it;
    // attempt 2 is held past its own timeout; attempt 3 meets the record.
    emu.faults.inject({ route: 'transactions', latencyMs: 300, times: 1 });
    emu.faults.inject({ route: 'transactions', latencyMs: 600, times: 1 });
    const request = faultTransaction();
    const tx = await transactions.submitTransaction(request);

    const stored = emu
      .transactions()
      .filter((t) => t.correlationId === request.correlationId);
    expect(stored).toHaveLength(1);
    expect(tx.id).toBe(stored[0]!.id);
    expect(hits('transactions')).toHaveLength(3);
    expect(hits('sign')).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 409, 422, 500])(
    'never retries a %i',
    async (status) => {
      const transactions = await boot({ retry: FAST });
      emu.faults.inject({ route: 'transactions', status });
      const error = await transactions
        .submitTransaction(faultTransaction())
        .catch((e) => e);
      expect(error).toBeInstanceOf(OperonApiError);
      expect(error).toMatchObject({ status });
      expect(hits('transactions')).toHaveLength(1);
    },
  );

  it('retries a throttled submission (429) and stores it once', async () => {
    const transactions = await boot({ retry: FAST });
    emu.faults.inject({ route: 'transactions', status: 429, times: 2 });
    const request = faultTransaction();
    await transactions.submitTransaction(request);
    expect(hits('transactions')).toHaveLength(3);
    expect(
      emu
        .transactions()
        .filter((t) => t.correlationId === request.correlationId),
    ).toHaveLength(1);
  });
});

describe('heartbeat', () => {
  it('is never retried: one failing beat is one request', async () => {
    emu.faults.inject({ route: 'heartbeat', status: 503 });
    emu.clearRequests();
    moduleRef = await Test.createTestingModule({
      imports: [
        ScheduleModule.forRoot(),
        OperonModule.forRoot(
          emu.moduleOptions({
            logger: false,
            sessionHeartbeatIntervalMs: 60_000,
          }),
        ),
      ],
    }).compile();
    await moduleRef.init();
    // The first beat runs at bootstrap; the default policy would retry a
    // 503 within ~300 ms, and the next beat is a minute away.
    await waitFor(() => hits('heartbeat').length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(hits('heartbeat')).toHaveLength(1);
  });
});
