import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OperonConfigurationError, OperonModule } from '../../lib/index.js';
import {
  OperonQueueModule,
  OperonQueueService,
  type OperonQueueModuleForRootOptions,
} from '../../lib/queue/index.js';
import { OPERON_QUEUE_RESOLVED_OPTIONS } from '../../lib/queue/operon-queue.constants.js';
import type { ResolvedOperonQueueOptions } from '../../lib/queue/options/resolved-queue-options.interface.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import {
  eventually,
  requestMaker,
  uniqueQueueName,
} from './support/queue-app.js';
import {
  describeWithRedis,
  startRedis,
  type RedisHandle,
} from './support/redis-server.js';

const shared = { host: '127.0.0.1', port: 6390 };
const own = { host: '127.0.0.1', port: 6391 };

// Compiles without initialising: nothing connects to Redis.
async function resolvedWith(
  bull: DynamicModule[],
  options: OperonQueueModuleForRootOptions,
): Promise<ResolvedOperonQueueOptions> {
  const moduleRef = await Test.createTestingModule({
    imports: [...bull, OperonQueueModule.forRoot(options)],
  }).compile();
  return moduleRef.get(OPERON_QUEUE_RESOLVED_OPTIONS);
}

describe('queue connection from @nestjs/bullmq', () => {
  it("takes BullModule.forRoot()'s connection and prefix", async () => {
    const bull = BullModule.forRoot({ connection: shared, prefix: 'app' });
    const resolved = await resolvedWith([bull], {});
    expect(resolved.connection).toEqual(shared);
    expect(resolved.prefix).toBe('app');
  });

  it('keeps its own prefix over the shared one', async () => {
    const bull = BullModule.forRoot({ connection: shared, prefix: 'app' });
    const resolved = await resolvedWith([bull], { prefix: 'operon' });
    expect(resolved).toMatchObject({ connection: shared, prefix: 'operon' });
  });

  it('ignores the shared configuration when given a connection', async () => {
    const bull = BullModule.forRoot({ connection: shared, prefix: 'app' });
    const resolved = await resolvedWith([bull], { connection: own });
    expect(resolved.connection).toEqual(own);
    expect(resolved.prefix).toBeUndefined();
  });

  it('takes a named configuration with configKey', async () => {
    const bull = [
      BullModule.forRoot({ connection: own }),
      BullModule.forRoot('operon', { connection: shared }),
    ];
    const resolved = await resolvedWith(bull, { configKey: 'operon' });
    expect(resolved.connection).toEqual(shared);
  });

  it('waits for BullModule.forRootAsync() factories', async () => {
    const later = async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return { connection: shared, prefix: 'async' };
    };
    const unnamed = await resolvedWith(
      [BullModule.forRootAsync({ useFactory: later })],
      {},
    );
    expect(unnamed).toMatchObject({ connection: shared, prefix: 'async' });

    const moduleRef = await Test.createTestingModule({
      imports: [
        OperonQueueModule.forRootAsync({
          configKey: 'operon',
          useFactory: async () => ({ queueName: 'q' }),
        }),
        BullModule.forRootAsync('operon', { useFactory: later }),
      ],
    }).compile();
    const named = moduleRef.get<ResolvedOperonQueueOptions>(
      OPERON_QUEUE_RESOLVED_OPTIONS,
    );
    expect(named).toMatchObject({ connection: shared, queueName: 'q' });
  });

  it('fails the boot when no connection can be found', async () => {
    const expected =
      'OperonQueueModule: options.connection is required: ioredis options ' +
      "such as { host: 'localhost', port: 6379 } or an ioredis instance; " +
      "or register the connection with BullModule.forRoot('operon', " +
      "{ connection }) from @nestjs/bullmq (options.configKey is 'operon').";
    const bull = BullModule.forRoot({ connection: shared });
    const noKey = resolvedWith([bull], { configKey: 'operon' });
    await expect(noKey).rejects.toThrow(expected);
    await expect(noKey).rejects.toBeInstanceOf(OperonConfigurationError);
    await expect(resolvedWith([], {})).rejects.toThrow(
      'or register the connection with BullModule.forRoot({ connection }) ' +
        'from @nestjs/bullmq.',
    );
  });

  it('rejects a blank configKey when the module is defined', () => {
    const message =
      'OperonQueueModule: options.configKey must be a non-blank string';
    expect(() => OperonQueueModule.forRoot({ configKey: ' ' })).toThrow(
      message,
    );
    const factory = { useFactory: () => ({}), configKey: '' };
    expect(() => OperonQueueModule.forRootAsync(factory)).toThrow(message);
  });
});

describeWithRedis('queued submission over the shared connection', () => {
  let redis: RedisHandle;
  let emu: OperonEmulator;
  let moduleRef: TestingModule | undefined;

  beforeAll(async () => {
    [redis, emu] = await Promise.all([startRedis(), OperonEmulator.start()]);
  });

  afterEach(async () => {
    await moduleRef?.close();
    moduleRef = undefined;
  });

  afterAll(async () => {
    await Promise.all([redis?.stop(), emu?.stop()]);
  });

  it('submits through the BullModule.forRoot() connection', async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        BullModule.forRoot({ connection: redis.connection, prefix: 'shared' }),
        OperonModule.forRoot(emu.moduleOptions({ logger: false })),
        OperonQueueModule.forRoot({
          queueName: uniqueQueueName(),
          logger: false,
        }),
      ],
    }).compile();
    await moduleRef.init();
    const service = moduleRef.get(OperonQueueService);
    const request = requestMaker('shared-config')();

    await service.enqueueTransaction(request);

    const recorded = () =>
      emu.transactions().some((t) => t.correlationId === request.correlationId);
    await eventually(recorded, 10_000, 'transaction recorded');
    expect(service.queue.opts.prefix).toBe('shared');
  });
});
