/** Default BullMQ queue name. @publicApi */
export const DEFAULT_OPERON_QUEUE_NAME = 'operon-transactions';
/** Default number of jobs one instance submits in parallel. @publicApi */
export const DEFAULT_OPERON_QUEUE_CONCURRENCY = 5;
/**
 * Default submission attempts per transaction, the first included.
 * @publicApi
 */
export const DEFAULT_OPERON_QUEUE_ATTEMPTS = 12;
/**
 * Default delay before the first retry, doubled on each later one: with 12
 * attempts a transaction keeps trying for about 34 minutes.
 * @publicApi
 */
export const DEFAULT_OPERON_QUEUE_BACKOFF_MS = 1_000;
/**
 * Name of the BullMQ jobs that carry one transaction. The suffix versions
 * the job data format, so a later release can still read older jobs.
 * @publicApi
 */
export const OPERON_TRANSACTION_JOB = 'operon.transaction.v1';

/**
 * Internal token of the validated queue options with defaults applied.
 * @internal
 */
export const OPERON_QUEUE_RESOLVED_OPTIONS = Symbol(
  'OPERON:QUEUE_RESOLVED_OPTIONS',
);

/**
 * Internal token of the `@nestjs/bullmq` shared configuration the queue
 * may take its connection from, with the key it was looked up under.
 * @internal
 */
export const OPERON_QUEUE_SHARED_BULL_CONFIG = Symbol(
  'OPERON:QUEUE_SHARED_BULL_CONFIG',
);
