import 'reflect-metadata';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { TransactionsService } from '../../lib/index.js';
import type {
  OperonQueueFailedEvent,
  OperonQueueSubmittedEvent,
} from '../../lib/queue/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { errorRenderings, findLeaks } from '../support/leak-scan.js';
import {
  bootQueueApp,
  requestMaker,
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

let redis: RedisHandle;
let emu: OperonEmulator;
const apps: QueueTestApp[] = [];
const request = requestMaker('sub');
const unavailable = { status: 503, body: { code: 'DOWN', message: 'down' } };

async function boot(
  overrides: Parameters<typeof testQueueOptions>[1] = {},
  operonOverrides = {},
) {
  const options = testQueueOptions(redis, {
    queueName: uniqueQueueName(),
    ...overrides,
  });
  const app = await bootQueueApp(emu, options, operonOverrides);
  apps.push(app);
  return app;
}

const ofType = <T extends { type: string }>(app: QueueTestApp, type: string) =>
  app.events.filter((e) => e.type === type) as unknown as T[];
const submitted = (app: QueueTestApp) =>
  ofType<OperonQueueSubmittedEvent>(app, 'submitted');
const failed = (app: QueueTestApp) =>
  ofType<OperonQueueFailedEvent>(app, 'failed');
const recorded = (correlationId: string) =>
  emu.transactions().filter((t) => t.correlationId === correlationId).length;
const posts = () =>
  emu.requests().filter((r) => r.routeId === 'transactions').length;

describeWithRedis('queued submission', () => {
  beforeAll(async () => {
    [redis, emu] = await Promise.all([startRedis(), OperonEmulator.start()]);
  });

  afterEach(async () => {
    emu.faults.clear();
    await Promise.all(apps.splice(0).map((app) => app.close()));
    emu.clearRequests();
  });

  afterAll(async () => {
    await Promise.all([redis?.stop(), emu?.stop()]);
  });

  it('submits an enqueued transaction and reports it', async () => {
    const app = await boot();
    const enqueued = await app.service.enqueueTransaction(request());

    await eventually(() => submitted(app).length > 0, 10_000, 'submitted');
    expect(submitted(app)[0]).toMatchObject({
      jobId: enqueued.jobId,
      correlationId: enqueued.correlationId,
      attempts: 1,
      transaction: { payloadHash: enqueued.payloadHash, status: 'received' },
    });
    expect(recorded(enqueued.correlationId)).toBe(1);
    const job = await app.service.queue.getJob(enqueued.jobId);
    expect(job?.returnvalue).toEqual({
      transactionId: submitted(app)[0]!.transaction.id,
      status: 'received',
    });
  });

  it('retries with backoff while Operon fails', async () => {
    const app = await boot({}, { retry: false });
    emu.faults.inject({ route: 'transactions', times: 3, ...unavailable });
    const calls: string[] = [];
    app.service.onFailed((e) => calls.push(`failed ${e.attempts}`));
    app.service.onSubmitted((e) => calls.push(`submitted ${e.attempts}`));
    const { correlationId } = await app.service.enqueueTransaction(request());

    await eventually(() => submitted(app).length > 0, 10_000, 'submitted');
    expect(calls).toEqual(['failed 1', 'failed 2', 'failed 3', 'submitted 4']);
    expect(failed(app)[0]).toMatchObject({
      final: false,
      error: { name: 'OperonApiError', status: 503, permanent: false },
    });
    expect(recorded(correlationId)).toBe(1);
  });

  it('fails a permanently rejected transaction at once', async () => {
    const app = await boot();
    const { jobId } = await app.service.enqueueTransaction(
      request({ interactionId: 'intr-does-not-exist' }),
    );

    await eventually(() => failed(app).length > 0, 10_000, 'failed');
    expect(failed(app)).toEqual([
      expect.objectContaining({
        jobId,
        attempts: 1,
        final: true,
        error: expect.objectContaining({
          name: 'OperonValidationError',
          permanent: true,
          message: expect.stringContaining('intr-does-not-exist'),
        }),
      }),
    ]);
    const job = await app.service.queue.getJob(jobId);
    expect(await job?.getState()).toBe('failed');
    expect(job?.failedReason).toBe(failed(app)[0]!.error.message);
    expect(app.logger.texts.some((t) => t.includes('failed for good'))).toBe(
      true,
    );
  });

  it('does not retry a correlation conflict (409)', async () => {
    const app = await boot();
    const direct = app.moduleRef.get(TransactionsService);
    await direct.submitTransaction(request({ correlationId: 'conflict-1' }));
    await app.service.enqueueTransaction(
      request({ correlationId: 'conflict-1', payload: 'another payload' }),
    );

    await eventually(() => failed(app).length > 0, 10_000, 'failed');
    expect(failed(app)[0]).toMatchObject({
      attempts: 1,
      final: true,
      error: { status: 409, code: 'CORRELATION_CONFLICT', permanent: true },
    });
  });

  it('lands in the failed state, secret-free, once attempts run out', async () => {
    const app = await boot({ attempts: 2 }, { retry: false });
    emu.faults.inject({ route: 'transactions', ...unavailable });
    const { jobId } = await app.service.enqueueTransaction(request());

    await eventually(() => failed(app).length === 2, 10_000, 'two failures');
    expect(failed(app).map((e) => e.final)).toEqual([false, true]);
    const job = await app.service.queue.getJob(jobId);
    expect(await job?.getState()).toBe('failed');
    expect(job?.attemptsMade).toBe(2);
    const secrets = [emu.credentials.clientSecret, 'eyJ'];
    const texts = [
      job?.failedReason ?? '',
      ...(job?.stacktrace ?? []),
      JSON.stringify(job?.data),
      ...failed(app).flatMap((e) => errorRenderings(e.error)),
      ...app.logger.texts,
    ];
    expect(findLeaks(texts, secrets)).toEqual([]);
  });

  it('logs a listener that throws and keeps going', async () => {
    const app = await boot();
    app.service.onSubmitted(() => {
      throw new Error('listener broke');
    });
    app.service.onSubmitted(() => Promise.reject(new Error('async broke')));
    await app.service.enqueueTransaction(request());
    await app.service.enqueueTransaction(request());

    await eventually(() => submitted(app).length === 2, 10_000, 'submitted');
    await eventually(
      () => app.logger.lines.filter((l) => l.level === 'error').length === 4,
      2_000,
      'four logged listener failures',
    );
    const logged = app.logger.texts.join('\n');
    expect(logged).toContain(
      'submitted listener failed: Error: listener broke',
    );
    expect(logged).toContain('submitted listener failed: Error: async broke');
  });

  it('drains active jobs on shutdown', async () => {
    const app = await boot();
    emu.faults.inject({ route: 'transactions', latencyMs: 700 });
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await app.service.enqueueTransaction(request())).correlationId);
    }
    await eventually(
      async () => (await app.service.queue.getActiveCount()) === 3,
      10_000,
      'three active jobs',
    );
    const queueName = app.service.queue.name;
    const observer = await boot({ queueName, runWorkers: false });

    await app.close();
    expect(submitted(app)).toHaveLength(3);
    expect(ids.map(recorded)).toEqual([1, 1, 1]);
    expect(app.worker.running).toBe(false);
    expect(
      await observer.service.queue.getJobCounts('active', 'completed'),
    ).toEqual({ active: 0, completed: 3 });
  });

  it('resumes pending jobs when an app starts again', async () => {
    const queueName = uniqueQueueName();
    const first = await boot({ queueName, runWorkers: false });
    const ids = [];
    for (let i = 0; i < 20; i++) {
      ids.push(
        (await first.service.enqueueTransaction(request())).correlationId,
      );
    }
    await first.close();
    expect(ids.map(recorded)).toEqual(ids.map(() => 0));

    const restarted = await boot({ queueName });
    await eventually(
      () => submitted(restarted).length === 20,
      20_000,
      'all submitted',
    );
    expect(ids.map(recorded)).toEqual(ids.map(() => 1));
  });

  it('shares one queue between instances, each transaction once', async () => {
    const queueName = uniqueQueueName();
    const a = await boot({ queueName, concurrency: 4 });
    const b = await boot({ queueName, concurrency: 4 });
    emu.faults.inject({ route: 'transactions', latencyMs: 10 });
    const ids = [];
    for (let i = 0; i < 120; i++) {
      ids.push((await a.service.enqueueTransaction(request())).correlationId);
    }

    const done = () => submitted(a).length + submitted(b).length;
    await eventually(() => done() === 120, 30_000, 'all submitted');
    expect(submitted(a).length).toBeGreaterThan(0);
    expect(submitted(b).length).toBeGreaterThan(0);
    expect(posts()).toBe(120);
    expect(ids.map(recorded)).toEqual(ids.map(() => 1));
  });

  it('keeps to the rate limit', async () => {
    const limiter = { max: 3, duration: 400 };
    const app = await boot({ limiter });
    for (let i = 0; i < 7; i++) await app.service.enqueueTransaction(request());

    await eventually(() => submitted(app).length === 7, 15_000, 'submitted');
    const jobs = await app.service.queue.getCompleted(0, -1);
    const starts = jobs.map((job) => job.processedOn ?? 0).sort();
    // BullMQ counts in fixed windows opened by the first job: 3 + 3 + 1
    // jobs need three windows, so the last starts two windows after the
    // first (less a little for timer granularity). Slowness only adds.
    expect(starts[6]! - starts[0]!).toBeGreaterThanOrEqual(2 * 400 - 50);
  });

  it('does not start workers when runWorkers is false', async () => {
    const app = await boot({ runWorkers: false });
    const { jobId } = await app.service.enqueueTransaction(request());
    await new Promise((r) => setTimeout(r, 300));
    expect(app.worker.running).toBe(false);
    expect(await app.service.queue.getJobState(jobId)).toBe('waiting');
    expect(posts()).toBe(0);
  });
});
