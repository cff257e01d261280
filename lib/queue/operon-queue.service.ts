import {
  Inject,
  Injectable,
  type LoggerService,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import type { Observable } from 'rxjs';
import { OperonValidationError } from '../errors/operon-validation.error.js';
import { OPERON_RESOLVED_OPTIONS } from '../operon.constants.js';
import type { ResolvedOperonOptions } from '../options/resolved-options.interface.js';
import type { TransactionRequest } from '../transactions/draft/transaction-request.interface.js';
import { createOperonLogger } from '../utils/operon-logger.util.js';
import { clean } from '../utils/strings.util.js';
import { OperonQueueEventBus } from './events/operon-queue-event-bus.service.js';
import type {
  OperonQueueEvent,
  OperonQueueFailedEvent,
  OperonQueueSubmittedEvent,
} from './events/operon-queue-events.interface.js';
import type {
  OperonEnqueuedTransaction,
  OperonQueueJobResult,
  OperonQueuedTransaction,
} from './jobs/queued-transaction.interface.js';
import {
  toQueuedTransaction,
  transactionJobId,
} from './jobs/queued-transaction.util.js';
import {
  OPERON_QUEUE_RESOLVED_OPTIONS,
  OPERON_TRANSACTION_JOB,
} from './operon-queue.constants.js';
import type { ResolvedOperonQueueOptions } from './options/resolved-queue-options.interface.js';
import { distinctErrorLogger } from './redis-error-log.util.js';

/**
 * The BullMQ queue of transactions handed to `OperonQueueModule`.
 * @publicApi
 */
export type OperonTransactionQueue = Queue<
  OperonQueuedTransaction,
  OperonQueueJobResult
>;

/**
 * Durable submission: `enqueueTransaction()` stores a transaction in Redis
 * (its payload's hash, never the payload) and returns; workers of any
 * instance sharing the queue submit it through `TransactionsService`,
 * retrying with backoff until Operon accepts it.
 * @publicApi
 */
@Injectable()
export class OperonQueueService implements OnModuleInit, OnApplicationShutdown {
  /**
   * Submitted and failed events of the jobs this instance's workers run.
   * A subscriber that throws breaks RxJS's contract; prefer
   * `onSubmitted()`/`onFailed()`, which guard the listener.
   */
  readonly events$: Observable<OperonQueueEvent>;

  private readonly logger: LoggerService;
  private queueRef?: OperonTransactionQueue;
  private selfSign = true;

  constructor(
    @Inject(OPERON_QUEUE_RESOLVED_OPTIONS)
    private readonly options: ResolvedOperonQueueOptions,
    @Inject(OperonQueueEventBus) private readonly bus: OperonQueueEventBus,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {
    this.logger = createOperonLogger(options, OperonQueueService.name);
    this.events$ = bus.events$;
  }

  /** Opens the queue. */
  onModuleInit(): void {
    this.selfSign = this.findClientOptions()?.selfSign ?? true;
    const { queueName, connection, prefix } = this.options;
    this.queueRef = new Queue(queueName, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts: this.options.attempts,
        backoff: this.options.backoff,
        removeOnComplete: this.options.removeOnComplete,
        removeOnFail: this.options.removeOnFail,
      },
    });
    this.queueRef.on('error', distinctErrorLogger(this.logger, 'queue error'));
  }

  /** Closes the queue once workers have drained (`app.close()`). */
  async onApplicationShutdown(): Promise<void> {
    this.bus.complete();
    await this.queueRef?.close();
  }

  /**
   * The underlying BullMQ queue, for counts, inspection and retrying
   * failed jobs.
   * @throws {Error} before the module is initialised.
   */
  get queue(): OperonTransactionQueue {
    if (!this.queueRef) throw new Error('OperonQueueModule: not initialised');
    return this.queueRef;
  }

  /**
   * Validates the request locally, hashes its payload and stores it as a
   * job; resolves once Redis has it. The payload never leaves the app; a
   * missing `timestamp` is set to now, when the event was enqueued.
   * Enqueueing the same workstream and correlation ID again while the job
   * is kept is a no-op, returning the same job ID.
   * @throws {OperonValidationError} when the request is bound to fail, or
   * its correlation ID is already queued with another payload.
   */
  async enqueueTransaction(
    request: TransactionRequest,
  ): Promise<OperonEnqueuedTransaction> {
    const data = toQueuedTransaction(request, this.selfSign);
    const jobId = transactionJobId(data.correlationId, data.workstreamId);

    await this.queue.add(OPERON_TRANSACTION_JOB, data, { jobId });
    await this.checkNoConflict(jobId, data);
    return {
      jobId,
      correlationId: data.correlationId,
      ...(data.workstreamId ? { workstreamId: data.workstreamId } : {}),
      payloadHash: data.payloadHash,
    };
  }

  /**
   * Calls `listener` for each transaction this instance's workers get
   * accepted. A listener that throws is logged, never propagated.
   * @returns a function that stops the calls.
   */
  onSubmitted(
    listener: (event: OperonQueueSubmittedEvent) => unknown,
  ): () => void {
    return this.bus.listen('submitted', listener);
  }

  /**
   * Calls `listener` for each failed attempt of this instance's workers;
   * `event.final` tells whether the job has given up.
   * @returns a function that stops the calls.
   */
  onFailed(listener: (event: OperonQueueFailedEvent) => unknown): () => void {
    return this.bus.listen('failed', listener);
  }

  // The first enqueue of an ID wins; a later one with another payload
  // would be refused by Operon (409), so it is refused here already.
  private async checkNoConflict(
    jobId: string,
    data: OperonQueuedTransaction,
  ): Promise<void> {
    const stored = (await this.queue.getJob(jobId))?.data;
    if (!stored) return;
    if (
      stored.payloadHash !== data.payloadHash ||
      clean(stored.interactionId) !== clean(data.interactionId)
    ) {
      throw new OperonValidationError(
        `correlation ID ${data.correlationId.trim()} is already queued ` +
          'with a different payload or interaction',
      );
    }
  }

  private findClientOptions(): ResolvedOperonOptions | undefined {
    try {
      return this.moduleRef.get<ResolvedOperonOptions>(
        OPERON_RESOLVED_OPTIONS,
        { strict: false },
      );
    } catch {
      return undefined;
    }
  }
}
