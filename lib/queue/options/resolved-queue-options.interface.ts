import type { LoggerService } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import type {
  OperonQueueBackoff,
  OperonQueueRetention,
} from './operon-queue-options.interface.js';

/**
 * Queue options once validated, with every default applied.
 * @internal
 */
export interface ResolvedOperonQueueOptions {
  connection: ConnectionOptions;
  queueName: string;
  prefix?: string;
  runWorkers: boolean;
  concurrency: number;
  limiter?: { max: number; duration: number };
  attempts: number;
  backoff: OperonQueueBackoff;
  removeOnComplete: OperonQueueRetention;
  removeOnFail: OperonQueueRetention;
  lockDurationMs: number;
  stalledIntervalMs: number;
  maxStalledCount: number;
  logger?: LoggerService | false;
}
