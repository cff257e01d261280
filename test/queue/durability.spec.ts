import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OperonQueueService } from '../../lib/queue/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { type BuiltLib, buildLib } from './support/build-lib.js';
import {
  bootQueueApp,
  eventually,
  testQueueOptions,
  uniqueQueueName,
  type QueueTestApp,
} from './support/queue-app.js';
import {
  describeWithRedis,
  startRedis,
  type RedisHandle,
} from './support/redis-server.js';
import {
  startWorkerProcess,
  type WorkerProcess,
} from './support/worker-process.js';

const TOTAL = 1_000;
let redis: RedisHandle;
let emu: OperonEmulator;
let lib: BuiltLib | undefined;
const apps: QueueTestApp[] = [];
let child: WorkerProcess | undefined;

async function enqueueAll(service: OperonQueueService): Promise<string[]> {
  const ids = Array.from({ length: TOTAL }, (_, i) => `durable-${i}`);
  for (let i = 0; i < TOTAL; i += 50) {
    await Promise.all(
      ids.slice(i, i + 50).map((correlationId, j) =>
        service.enqueueTransaction({
          correlationId,
          interactionId: 'intr-emulator-invoice',
          payload: { order: i + j, lines: ['a', 'b'] },
        }),
      ),
    );
  }
  return ids;
}

describeWithRedis('durability', () => {
  beforeAll(async () => {
    [redis, emu, lib] = await Promise.all([
      startRedis(),
      OperonEmulator.start(),
      buildLib(),
    ]);
  }, 60_000);

  afterAll(async () => {
    await child?.kill();
    await Promise.all(apps.map((app) => app.close()));
    await Promise.all([redis?.stop(), emu?.stop()]);
    lib?.remove();
  });

  it('records 1,000 transactions exactly once through an outage and a killed worker', async () => {
    const queueName = uniqueQueueName();
    // Operon answers itself: the queue's retries must carry the outage.
    const operon = { retry: false as const };
    const options = testQueueOptions(redis, { queueName });
    const producer = await bootQueueApp(emu, { ...options, runWorkers: false });
    apps.push(producer);
    const ids = await enqueueAll(producer.service);
    expect(await producer.service.queue.getWaitingCount()).toBe(TOTAL);

    child = await startWorkerProcess(
      lib!.dist,
      emu.moduleOptions(operon),
      options,
    );
    const outage = emu.faults.inject({
      route: 'transactions',
      status: 503,
      body: { code: 'UNAVAILABLE', message: 'maintenance' },
      forMs: 2_000,
    });
    // Faults apply in order of injection: this one once the outage ends.
    // It keeps every worker busy with jobs in flight when it is killed.
    emu.faults.inject({ route: 'transactions', latencyMs: 40 });
    const survivor = await bootQueueApp(emu, options, operon);
    apps.push(survivor);

    await eventually(() => child!.submitted.length >= 100, 60_000, 'child');
    await child.kill();
    const submittedByChild = child.submitted.length;
    await eventually(
      async () => (await producer.service.queue.getCompletedCount()) === TOTAL,
      90_000,
      'all jobs completed',
    );

    expect(outage.hits).toBeGreaterThan(0);
    expect(submittedByChild).toBeLessThan(TOTAL);
    const takenOver = survivor.logger.texts.filter((t) =>
      t.includes('was taken over from a stopped worker'),
    );
    expect(takenOver.length).toBeGreaterThan(0);
    expect(
      await producer.service.queue.getJobCounts(
        'failed',
        'active',
        'waiting',
        'delayed',
      ),
    ).toEqual({ failed: 0, active: 0, waiting: 0, delayed: 0 });
    const recorded = emu
      .transactions()
      .map((t) => t.correlationId)
      .filter((id) => id.startsWith('durable-'));
    expect(recorded).toHaveLength(TOTAL);
    expect(new Set(recorded)).toEqual(new Set(ids));
  }, 150_000);
});
