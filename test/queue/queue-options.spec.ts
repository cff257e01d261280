import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { OperonConfigurationError } from '../../lib/index.js';
import {
  DEFAULT_OPERON_QUEUE_NAME,
  OperonQueueModule,
  type OperonQueueModuleOptions,
} from '../../lib/queue/index.js';
import { resolveQueueOptions } from '../../lib/queue/options/resolve-queue-options.util.js';

const connection = { host: '127.0.0.1', port: 6379 };
const resolve = (options: Partial<OperonQueueModuleOptions>) =>
  resolveQueueOptions({ connection, ...options });

describe('queue options', () => {
  it('applies the documented defaults', () => {
    expect(resolve({})).toEqual({
      connection,
      queueName: DEFAULT_OPERON_QUEUE_NAME,
      prefix: undefined,
      runWorkers: true,
      concurrency: 5,
      limiter: undefined,
      attempts: 12,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 86_400, count: 10_000 },
      removeOnFail: false,
      lockDurationMs: 30_000,
      stalledIntervalMs: 30_000,
      maxStalledCount: 3,
      logger: undefined,
    });
  });

  it('accepts numeric and boolean strings from the environment', () => {
    const raw = { concurrency: ' 8 ', attempts: '3', runWorkers: 'false' };
    const resolved = resolve(raw as unknown as OperonQueueModuleOptions);
    expect(resolved).toMatchObject({
      concurrency: 8,
      attempts: 3,
      runWorkers: false,
    });
  });

  it('reads a delay in milliseconds as exponential backoff', () => {
    expect(resolve({ backoff: 250 }).backoff).toEqual({
      type: 'exponential',
      delay: 250,
    });
    const fixed = { type: 'fixed', delay: 10, jitter: 0.5 } as const;
    expect(resolve({ backoff: fixed }).backoff).toEqual(fixed);
  });

  it.each([
    [
      { connection: undefined },
      'OperonQueueModule: options.connection is required: ioredis options ' +
        "such as { host: 'localhost', port: 6379 } or an ioredis instance; " +
        'or register the connection with BullModule.forRoot({ connection }) ' +
        'from @nestjs/bullmq.',
    ],
    [
      { queueName: 'a:b' },
      'OperonQueueModule: options.queueName must be a non-blank string ' +
        'without ":", got "a:b".',
    ],
    [
      { concurrency: 0 },
      'OperonQueueModule: options.concurrency must be a positive integer ' +
        '(a number or a numeric string), got 0.',
    ],
    [
      { attempts: 1.5 },
      'OperonQueueModule: options.attempts must be a positive integer ' +
        '(a number or a numeric string), got 1.5.',
    ],
    [
      { limiter: { max: 10 } },
      'OperonQueueModule: options.limiter must be { max, duration } with ' +
        'positive integers (jobs per milliseconds), got {"max":10}.',
    ],
    [
      { backoff: { type: 'linear', delay: 5 } },
      'OperonQueueModule: options.backoff must be a delay in milliseconds ' +
        "or { type: 'exponential' | 'fixed', delay, jitter? } with a " +
        'positive delay and a jitter between 0 and 1, got ' +
        '{"type":"linear","delay":5}.',
    ],
    [
      { removeOnFail: { age: -1 } },
      'OperonQueueModule: options.removeOnFail must be a boolean, a count ' +
        'or { age?, count? } with non-negative integers, got {"age":-1}.',
    ],
  ])('refuses %j', (options, message) => {
    const call = () =>
      resolve(options as unknown as Partial<OperonQueueModuleOptions>);
    expect(call).toThrow(OperonConfigurationError);
    expect(call).toThrow(message);
  });

  it('throws TypeError for wrongly typed options', () => {
    expect(() => resolveQueueOptions(undefined)).toThrow(TypeError);
    const badFlag = {
      runWorkers: 'yes',
    } as unknown as OperonQueueModuleOptions;
    expect(() => resolve(badFlag)).toThrow(
      'OperonQueueModule: options.runWorkers must be a boolean, got "yes".',
    );
    const badLogger = {
      logger: 'console',
    } as unknown as OperonQueueModuleOptions;
    expect(() => resolve(badLogger)).toThrow(TypeError);
  });

  it('registers globally with isGlobal', () => {
    expect(
      OperonQueueModule.forRoot({ connection, isGlobal: true }),
    ).toMatchObject({ global: true });
    expect(OperonQueueModule.forRoot({ connection }).global).toBeFalsy();
  });

  it('fails forRoot() at once on invalid options', () => {
    expect(() =>
      OperonQueueModule.forRoot({ connection, concurrency: -1 }),
    ).toThrow(OperonConfigurationError);
  });

  it('fails the boot when the forRootAsync() factory returns bad options', async () => {
    const builder = Test.createTestingModule({
      imports: [
        OperonQueueModule.forRootAsync({
          useFactory: () => ({ connection, attempts: 0 }),
        }),
      ],
    });
    await expect(builder.compile()).rejects.toThrow(
      'OperonQueueModule: options.attempts must be a positive integer',
    );
  });
});
