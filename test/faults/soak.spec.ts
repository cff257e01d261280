import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OperonApiError,
  OperonDecodeError,
  OperonTransportError,
  TransactionsService,
  type OperonModuleOptions,
} from '../../lib/index.js';
import {
  OperonEmulator,
  type OperonEmulatorFault,
  type OperonEmulatorFaultHandle,
} from '../../lib/testing/index.js';
import { CapturingLogger } from '../support/capture-logger.js';
import { findLeaks } from '../support/leak-scan.js';
import { bootOperon, type OperonTestApp } from '../support/operon-app.js';
import { faultTransaction } from './support/fault-app.js';

// 10,000 submissions while one call in ten (sign or submit) fails: gateway
// and server errors, throttling, resets, slow answers and timeouts. Every
// submission that fails after its retries is submitted again with the same
// correlation ID, as a caller would; in the end the emulator must hold each
// transaction exactly once.

const TOTAL = 10_000;
const CONCURRENCY = 32;
const FAULT_RATE = 0.1;
const TIMEOUT_MS = 250;
const MAX_SUBMISSIONS_PER_TRANSACTION = 12;

const FAULT_MIX: Omit<OperonEmulatorFault, 'route'>[] = [
  { status: 500 },
  { status: 502 },
  { status: 503, headers: { 'retry-after': '1' } },
  { status: 504 },
  { status: 429 },
  { reset: true },
  { latencyMs: 30 },
  { latencyMs: TIMEOUT_MS + 150 },
];

/** A seeded generator, so a failing run can be replayed. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let emu: OperonEmulator;
let app: OperonTestApp;
const logger = new CapturingLogger();
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  emu = await OperonEmulator.start({
    verifySignatures: false,
    requestLogLimit: 0,
  });
  const options: OperonModuleOptions = emu.moduleOptions({
    retry: { retries: 2, minDelayMs: 1, maxDelayMs: 10 },
    httpTimeoutMs: TIMEOUT_MS,
    logger,
  });
  app = await bootOperon(options);
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await app?.close();
  await emu?.stop();
});

describe('soak: 10,000 submissions, 10% of calls failing', () => {
  it(
    'stores every transaction exactly once',
    { timeout: 180_000 },
    async () => {
      const transactions = app.moduleRef.get(TransactionsService);
      await transactions.interactions();
      const random = mulberry32(8);
      const faults: OperonEmulatorFaultHandle[] = [];
      const failures = new Map<string, number>();
      const ids = Array.from({ length: TOTAL }, (_, i) => `soak-${i}`);

      const maybeFault = (route: 'sign' | 'transactions') => {
        if (random() >= FAULT_RATE) return;
        const kind = FAULT_MIX[Math.floor(random() * FAULT_MIX.length)]!;
        faults.push(emu.faults.inject({ route, times: 1, ...kind }));
      };
      const submitUntilStored = async (id: string) => {
        for (let n = 1; n <= MAX_SUBMISSIONS_PER_TRANSACTION; n++) {
          maybeFault('sign');
          maybeFault('transactions');
          try {
            return await transactions.submitTransaction(faultTransaction(id));
          } catch (error) {
            expect(
              error instanceof OperonApiError ||
                error instanceof OperonTransportError ||
                error instanceof OperonDecodeError,
            ).toBe(true);
            const name = (error as Error).name;
            failures.set(name, (failures.get(name) ?? 0) + 1);
          }
        }
        throw new Error(
          `${id} not stored after ${MAX_SUBMISSIONS_PER_TRANSACTION}`,
        );
      };
      let next = 0;
      const worker = async () => {
        while (next < TOTAL) await submitUntilStored(ids[next++]!);
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      emu.faults.clear();

      const stored = emu.transactions();
      const perId = new Map<string, number>();
      for (const tx of stored) {
        perId.set(tx.correlationId, (perId.get(tx.correlationId) ?? 0) + 1);
      }
      expect(stored).toHaveLength(TOTAL);
      expect(perId.size).toBe(TOTAL);
      expect(ids.every((id) => perId.get(id) === 1)).toBe(true);

      // The faults really happened: about 10% of ~20,000 calls, and some
      // outlived their retries (500s, or a fault met again on retry).
      const hits = faults.reduce((sum, fault) => sum + fault.hits, 0);
      expect(hits).toBeGreaterThan(TOTAL * 2 * FAULT_RATE * 0.8);
      expect(failures.get('OperonApiError') ?? 0).toBeGreaterThan(0);
      expect(rejections).toEqual([]);
      expect(findLeaks(logger.texts, [emu.credentials.clientSecret])).toEqual(
        [],
      );
    },
  );
});
