import { Test, type TestingModule } from '@nestjs/testing';
import { OperonModule, type OperonModuleOptions } from '../../../lib/index.js';
import {
  OperonQueueModule,
  OperonQueueService,
  OperonQueueWorker,
  type OperonQueueEvent,
  type OperonQueueModuleOptions,
} from '../../../lib/queue/index.js';
import type { OperonEmulator } from '../../../lib/testing/index.js';
import type { TransactionRequest } from '../../../lib/index.js';
import { CapturingLogger } from '../../support/capture-logger.js';
import type { RedisHandle } from './redis-server.js';

/** An initialised app with `OperonModule` and `OperonQueueModule`. */
export interface QueueTestApp {
  moduleRef: TestingModule;
  service: OperonQueueService;
  worker: OperonQueueWorker;
  logger: CapturingLogger;
  /** Every event of this app's workers, in order. */
  events: OperonQueueEvent[];
  close(): Promise<void>;
}

let queueSeq = 0;

/**
 * Makes valid requests for the emulator's default realm, each with its own
 * correlation ID (`<prefix>-<n>`) and payload; `patch` overrides fields.
 */
export function requestMaker(prefix: string) {
  let seq = 0;
  return (patch: Partial<TransactionRequest> = {}) => {
    seq += 1;
    return {
      correlationId: `${prefix}-${seq}`,
      interactionId: 'intr-emulator-invoice',
      payload: `{"order":${seq}}`,
      ...patch,
    };
  };
}

/** A queue name of its own for each test. */
export function uniqueQueueName(): string {
  return `operon-test-${process.pid}-${++queueSeq}`;
}

/**
 * Queue options for tests: fast retries and a short lock, so that a
 * crashed worker's jobs are taken over within about two seconds.
 */
export function testQueueOptions(
  redis: RedisHandle,
  overrides: Partial<OperonQueueModuleOptions> = {},
): OperonQueueModuleOptions {
  return {
    connection: redis.connection,
    attempts: 20,
    backoff: { type: 'exponential', delay: 100 },
    lockDurationMs: 2_000,
    stalledIntervalMs: 1_000,
    concurrency: 10,
    ...overrides,
  };
}

/** Boots an app against the emulator and the test's Redis. */
export async function bootQueueApp(
  emu: OperonEmulator,
  queueOptions: OperonQueueModuleOptions,
  operonOverrides: OperonModuleOptions = {},
): Promise<QueueTestApp> {
  const logger = new CapturingLogger();
  const moduleRef = await Test.createTestingModule({
    imports: [
      OperonModule.forRoot(
        emu.moduleOptions({ logger: false, ...operonOverrides }),
      ),
      OperonQueueModule.forRoot({ logger, ...queueOptions }),
    ],
  }).compile();
  const service = moduleRef.get(OperonQueueService);
  const events: OperonQueueEvent[] = [];
  service.events$.subscribe((event) => events.push(event));
  await moduleRef.init();
  return {
    moduleRef,
    service,
    worker: moduleRef.get(OperonQueueWorker),
    logger,
    events,
    close: () => moduleRef.close(),
  };
}

/** Polls until `check()` resolves true; fails after `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > timeoutMs) {
      throw new Error(`${what}: not reached within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
