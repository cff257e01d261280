import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  hashPayload,
  OperonConfigurationError,
  OperonValidationError,
  type TransactionRequest,
} from '../../lib/index.js';
import {
  OperonQueueModule,
  OperonQueueService,
  transactionJobId,
} from '../../lib/queue/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import {
  bootQueueApp,
  requestMaker,
  testQueueOptions,
  uniqueQueueName,
  type QueueTestApp,
} from './support/queue-app.js';
import { dumpRedis } from './support/redis-dump.js';
import {
  describeWithRedis,
  startRedis,
  type RedisHandle,
} from './support/redis-server.js';

let redis: RedisHandle;
let emu: OperonEmulator;
const apps: QueueTestApp[] = [];
const request = requestMaker('enq');

// Enqueue-only instances: nothing is submitted while the test looks.
async function producer(operonOverrides = {}) {
  const queueName = uniqueQueueName();
  const options = testQueueOptions(redis, { queueName, runWorkers: false });
  const app = await bootQueueApp(emu, options, operonOverrides);
  apps.push(app);
  return { app, queueName, queue: app.service.queue };
}

describeWithRedis('enqueueTransaction', () => {
  beforeAll(async () => {
    [redis, emu] = await Promise.all([startRedis(), OperonEmulator.start()]);
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await Promise.all([redis?.stop(), emu?.stop()]);
  });

  it('stores the hash and never the payload', async () => {
    const { app, queueName, queue } = await producer();
    const secret = 'PAYLOAD-7f3a: card 4111 1111 1111 1111';
    const object = { secretField: 'OBJECT-PAYLOAD-9c2e' };
    const a = await app.service.enqueueTransaction(
      request({ payload: secret }),
    );
    const b = await app.service.enqueueTransaction(
      request({ payload: object }),
    );

    expect(a.payloadHash).toBe(hashPayload(secret));
    expect(b.payloadHash).toBe(hashPayload(JSON.stringify(object)));
    expect((await queue.getJob(a.jobId))?.data.payloadHash).toBe(a.payloadHash);
    const stored = (await dumpRedis(redis.connection, `*${queueName}*`)).join(
      '\n',
    );
    expect(stored).toContain(a.payloadHash);
    const forms = [secret, 'OBJECT-PAYLOAD-9c2e', '4111'].flatMap((text) => [
      text,
      Buffer.from(text).toString('base64'),
      Buffer.from(text).toString('base64url'),
      Buffer.from(text).toString('hex'),
    ]);
    for (const form of forms) expect(stored).not.toContain(form);
  });

  it('stores only the fields a submission uses', async () => {
    const { app, queue } = await producer();
    const record = {
      ...request(),
      signature: { algorithm: 'EdDSA', value: 'c2ln', extra: 'SIG-X' },
      internalNote: 'NOTE-5d1e',
    } as TransactionRequest;
    const { jobId } = await app.service.enqueueTransaction(record);

    const data = (await queue.getJob(jobId))!.data as unknown as Record<
      string,
      unknown
    >;
    expect(data).not.toHaveProperty('internalNote');
    expect(data).not.toHaveProperty('payload');
    expect(data.signature).toEqual({ algorithm: 'EdDSA', value: 'c2ln' });
    expect(data.correlationId).toBe(record.correlationId);
  });

  it('collapses duplicates into one job per workstream', async () => {
    const { app, queue } = await producer();
    const first = request({ correlationId: 'dup:1' });
    const a = await app.service.enqueueTransaction(first);
    const b = await app.service.enqueueTransaction({ ...first });
    const other = await app.service.enqueueTransaction({
      ...first,
      workstreamId: 'wstr-other',
    });

    expect(b.jobId).toBe(a.jobId);
    expect(a.jobId).toBe(transactionJobId('dup:1'));
    expect(other.jobId).toBe(transactionJobId('dup:1', 'wstr-other'));
    expect(other.jobId).not.toBe(a.jobId);
    expect(await queue.getWaitingCount()).toBe(2);
  });

  it('refuses a queued correlation ID with another payload', async () => {
    const { app, queue } = await producer();
    await app.service.enqueueTransaction(request({ correlationId: 'c-1' }));
    const again = app.service.enqueueTransaction(
      request({ correlationId: 'c-1', payload: 'something else' }),
    );

    await expect(again).rejects.toThrow(OperonValidationError);
    await expect(again).rejects.toThrow(
      'correlation ID c-1 is already queued with a different payload or ' +
        'interaction',
    );
    expect(await queue.getWaitingCount()).toBe(1);
  });

  it('fails fast on requests that are bound to fail', async () => {
    const { app, queue } = await producer();
    const cases: Array<[Partial<TransactionRequest>, string]> = [
      [{ correlationId: '' }, 'CorrelationID is required'],
      [{ payload: undefined }, 'payload bytes or payload hash is required'],
      [
        { payload: undefined, payloadHash: 'x'.repeat(42) + '=' },
        'payload hash must be base64url encoded',
      ],
      [{ sourceDid: 'not-a-did' }, 'SourceDID must be a valid DID'],
    ];
    for (const [patch, message] of cases) {
      const attempt = app.service.enqueueTransaction(request(patch));
      await expect(attempt).rejects.toThrow(OperonValidationError);
      await expect(attempt).rejects.toThrow(message);
    }
    expect(await queue.count()).toBe(0);
  });

  it('requires a signature when self-signing is disabled', async () => {
    const { app } = await producer({ disableSelfSign: true });
    await expect(app.service.enqueueTransaction(request())).rejects.toThrow(
      'Signature algorithm is required',
    );
    const signature = { algorithm: 'EdDSA', value: 'v' };
    await expect(
      app.service.enqueueTransaction(request({ signature })),
    ).resolves.toMatchObject({ correlationId: expect.any(String) });
  });

  it('enqueues without OperonModule when this instance runs no workers', async () => {
    const queueName = uniqueQueueName();
    const moduleRef = await Test.createTestingModule({
      imports: [
        OperonQueueModule.forRootAsync({
          useFactory: () => ({
            ...testQueueOptions(redis, { queueName }),
            runWorkers: false,
            logger: false as const,
          }),
        }),
      ],
    }).compile();
    await moduleRef.init();
    try {
      const service = moduleRef.get(OperonQueueService);
      const { jobId } = await service.enqueueTransaction(request());
      expect(await service.queue.getJobState(jobId)).toBe('waiting');
    } finally {
      await moduleRef.close();
    }
  });

  it('fails the boot when workers have no OperonModule to submit with', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        OperonQueueModule.forRoot({
          ...testQueueOptions(redis, { queueName: uniqueQueueName() }),
          logger: false,
        }),
      ],
    }).compile();
    const init = moduleRef.init();
    await expect(init).rejects.toThrow(OperonConfigurationError);
    await expect(init).rejects.toThrow(
      'OperonQueueModule: TransactionsService was not found.',
    );
    // Nest 11 rejects close() again with the boot error; Nest 12 does not.
    await moduleRef.close().catch(() => undefined);
  });
});
