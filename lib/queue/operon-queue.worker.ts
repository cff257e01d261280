import {
  Inject,
  Injectable,
  type LoggerService,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type Job, Worker } from 'bullmq';
import { OperonConfigurationError } from '../errors/operon-configuration.error.js';
import { TransactionsService } from '../transactions/transactions.service.js';
import { createOperonLogger } from '../utils/operon-logger.util.js';
import { OperonQueueEventBus } from './events/operon-queue-event-bus.service.js';
import {
  describeJobError,
  type FailedJobError,
  toJobError,
} from './jobs/job-failure.util.js';
import type {
  OperonQueueJobResult,
  OperonQueuedTransaction,
} from './jobs/queued-transaction.interface.js';
import { fromQueuedTransaction } from './jobs/queued-transaction.util.js';
import { OPERON_QUEUE_RESOLVED_OPTIONS } from './operon-queue.constants.js';
import { queueMessages } from './options/operon-queue.messages.js';
import type { ResolvedOperonQueueOptions } from './options/resolved-queue-options.interface.js';
import { distinctErrorLogger } from './redis-error-log.util.js';

type TransactionJob = Job<OperonQueuedTransaction, OperonQueueJobResult>;

/**
 * Runs this instance's BullMQ worker (unless `runWorkers` is off): starts
 * it when the application has bootstrapped and, on `app.close()`, stops
 * taking jobs and waits for the active ones before closing.
 * @publicApi
 */
@Injectable()
export class OperonQueueWorker
  implements OnApplicationBootstrap, OnModuleDestroy
{
  private readonly logger: LoggerService;
  private worker?: Worker<OperonQueuedTransaction, OperonQueueJobResult>;

  constructor(
    @Inject(OPERON_QUEUE_RESOLVED_OPTIONS)
    private readonly options: ResolvedOperonQueueOptions,
    @Inject(OperonQueueEventBus) private readonly bus: OperonQueueEventBus,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {
    this.logger = createOperonLogger(options, OperonQueueWorker.name);
  }

  /** Whether this instance is processing jobs. */
  get running(): boolean {
    return this.worker?.isRunning() ?? false;
  }

  /**
   * Starts the worker.
   * @throws {OperonConfigurationError} when `OperonModule` is missing.
   */
  onApplicationBootstrap(): void {
    if (!this.options.runWorkers) return;
    const transactions = this.findTransactionsService();
    const o = this.options;
    this.worker = new Worker(
      o.queueName,
      (job: TransactionJob) => this.process(job, transactions),
      {
        connection: o.connection,
        prefix: o.prefix,
        concurrency: o.concurrency,
        limiter: o.limiter,
        lockDuration: o.lockDurationMs,
        stalledInterval: o.stalledIntervalMs,
        maxStalledCount: o.maxStalledCount,
      },
    );
    this.worker.on('failed', (job, error) => this.reportFailure(job, error));
    this.worker.on('stalled', (jobId) =>
      this.logger.warn(`job ${jobId} was taken over from a stopped worker`),
    );
    this.worker.on('error', distinctErrorLogger(this.logger, 'worker error'));
    this.logger.log(
      `submitting transactions from queue "${o.queueName}", ` +
        `${o.concurrency} at a time`,
    );
  }

  /** Stops taking jobs and waits for the active ones to finish. */
  async onModuleDestroy(): Promise<void> {
    await this.worker?.close();
  }

  private async process(
    job: TransactionJob,
    transactions: TransactionsService,
  ): Promise<OperonQueueJobResult> {
    const request = fromQueuedTransaction(job.data);
    const transaction = await transactions
      .submitTransaction(request)
      .catch((error: unknown) => Promise.reject(toJobError(error)));

    this.bus.emit({
      type: 'submitted',
      jobId: job.id ?? '',
      ...ids(job.data),
      attempts: job.attemptsMade + 1,
      transaction,
    });
    return { transactionId: transaction.id, status: transaction.status };
  }

  private reportFailure(job: TransactionJob | undefined, error: Error): void {
    if (!job) return;
    const final = job.finishedOn !== undefined;
    const description =
      (error as FailedJobError).operon ?? describeJobError(error);
    if (final) {
      this.logger.error(
        `job ${job.id} failed for good after ${job.attemptsMade} ` +
          `attempt(s): ${description.message}`,
      );
    }
    this.bus.emit({
      type: 'failed',
      jobId: job.id ?? '',
      ...ids(job.data),
      attempts: job.attemptsMade,
      final,
      error: description,
    });
  }

  private findTransactionsService(): TransactionsService {
    try {
      return this.moduleRef.get(TransactionsService, { strict: false });
    } catch {
      throw new OperonConfigurationError(queueMessages.noTransactionsService());
    }
  }
}

// Defensive: a job added to the queue by other code may lack the data.
function ids(data: Partial<OperonQueuedTransaction> | undefined) {
  const { correlationId = '', workstreamId } = data ?? {};
  return workstreamId ? { correlationId, workstreamId } : { correlationId };
}
