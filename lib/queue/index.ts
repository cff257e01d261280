// Module and options
export { OperonQueueModule } from './operon-queue.module.js';
export {
  OPERON_QUEUE_MODULE_OPTIONS,
  type OperonQueueModuleAsyncOptions,
  type OperonQueueModuleExtras,
  type OperonQueueModuleForRootOptions,
  type OperonQueueOptionsFactory,
} from './operon-queue.module-definition.js';
export type {
  OperonQueueBackoff,
  OperonQueueModuleOptions,
  OperonQueueRetention,
} from './options/operon-queue-options.interface.js';
export {
  DEFAULT_OPERON_QUEUE_ATTEMPTS,
  DEFAULT_OPERON_QUEUE_BACKOFF_MS,
  DEFAULT_OPERON_QUEUE_CONCURRENCY,
  DEFAULT_OPERON_QUEUE_NAME,
  OPERON_TRANSACTION_JOB,
} from './operon-queue.constants.js';

// Enqueueing and workers
export {
  OperonQueueService,
  type OperonTransactionQueue,
} from './operon-queue.service.js';
export { OperonQueueWorker } from './operon-queue.worker.js';
export type {
  OperonEnqueuedTransaction,
  OperonQueueJobResult,
  OperonQueuedTransaction,
} from './jobs/queued-transaction.interface.js';
export {
  toQueuedTransaction,
  transactionJobId,
} from './jobs/queued-transaction.util.js';
export { isPermanentSubmissionError } from './jobs/job-failure.util.js';

// Events
export type {
  OperonQueueEvent,
  OperonQueueFailedEvent,
  OperonQueueJobError,
  OperonQueueSubmittedEvent,
} from './events/operon-queue-events.interface.js';
