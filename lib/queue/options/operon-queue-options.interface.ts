import type { LoggerService } from '@nestjs/common';
import type { ConnectionOptions, KeepJobs } from 'bullmq';

/**
 * Delay between two submission attempts of one transaction.
 * @publicApi
 */
export interface OperonQueueBackoff {
  /** `exponential` doubles `delay` after each attempt; `fixed` keeps it. */
  type: 'exponential' | 'fixed';
  /** Delay in milliseconds before the first retry. */
  delay: number;
  /** Random share of the delay, 0 to 1, spreading retries out. @default 0 */
  jitter?: number;
}

/**
 * What happens to a finished job: `true` removes it at once, `false` keeps
 * it, a number keeps that many, `{ age, count }` keeps jobs younger than
 * `age` seconds and at most `count` of them (BullMQ `KeepJobs`).
 * @publicApi
 */
export type OperonQueueRetention = boolean | number | KeepJobs;

/**
 * Options of `OperonQueueModule.forRoot()`. Job options (`attempts`,
 * `backoff`, retention) are stored with each job when it is enqueued, so
 * the enqueuing instance's settings apply to it.
 * @publicApi
 */
export interface OperonQueueModuleOptions {
  /**
   * Where the queue lives: ioredis options (`host`, `port`, `password`,
   * `db`, `tls`, …) or an ioredis instance created with
   * `maxRetriesPerRequest: null`. BullMQ 6 needs `ioredis` installed.
   * @default the `connection` (and, unless `prefix` is set, the `prefix`)
   * of the shared configuration registered with `@nestjs/bullmq`'s
   * `BullModule.forRoot()` (see the `configKey` extra), if any
   */
  connection?: ConnectionOptions;
  /**
   * BullMQ queue name; the instances that share it share the work.
   * @default 'operon-transactions'
   */
  queueName?: string;
  /** Prefix of every Redis key of the queue. @default 'bull' */
  prefix?: string;
  /**
   * Whether this instance submits queued transactions. Turn it off on
   * instances that only enqueue. @default true
   */
  runWorkers?: boolean;
  /** Transactions one instance submits in parallel. @default 5 */
  concurrency?: number;
  /**
   * At most `max` submissions per `duration` milliseconds, counted across
   * every instance of the queue (BullMQ's limiter is queue-wide).
   * @default no limit
   */
  limiter?: { max: number; duration: number };
  /** Submission attempts per transaction, the first included. @default 12 */
  attempts?: number;
  /**
   * Delay between attempts: milliseconds (exponential) or a strategy.
   * @default { type: 'exponential', delay: 1000 }
   */
  backoff?: number | OperonQueueBackoff;
  /**
   * Retention of submitted jobs. While a job is kept, enqueueing its
   * correlation ID again is a no-op. @default { age: 86400, count: 10000 }
   */
  removeOnComplete?: OperonQueueRetention;
  /** Retention of jobs that failed for good. @default false (kept) */
  removeOnFail?: OperonQueueRetention;
  /**
   * How long a worker's claim on a job lasts without renewal; a crashed
   * worker's jobs are taken over after this. @default 30000
   */
  lockDurationMs?: number;
  /** How often workers look for jobs of crashed workers. @default 30000 */
  stalledIntervalMs?: number;
  /**
   * Times a job may be taken over from a crashed worker before it is
   * failed, protecting against a transaction that crashes the process.
   * @default 3
   */
  maxStalledCount?: number;
  /** Logger; `false` silences the module. @default Nest `Logger` */
  logger?: LoggerService | false;
}
