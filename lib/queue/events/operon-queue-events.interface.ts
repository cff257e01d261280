import type { Transaction } from '../../transactions/transaction.interface.js';

/**
 * A safe description of why an attempt failed: no tokens, headers,
 * signatures or payloads.
 * @publicApi
 */
export interface OperonQueueJobError {
  /** Class name of the original error, e.g. `OperonApiError`. */
  name: string;
  /** Name, status, code and message in one line, at most ~2,000 chars. */
  message: string;
  /** HTTP status, for `OperonApiError`. */
  status?: number;
  /** Operon's or Node's error code, when there was one. */
  code?: string;
  /** True when retrying cannot help, so the job failed at once. */
  permanent: boolean;
}

/**
 * Operon accepted a queued transaction.
 * @publicApi
 */
export interface OperonQueueSubmittedEvent {
  type: 'submitted';
  jobId: string;
  correlationId: string;
  /** The workstream given with the request, if any. */
  workstreamId?: string;
  /** Attempts it took, this one included. */
  attempts: number;
  /** The stored transaction as Operon returned it. */
  transaction: Transaction;
}

/**
 * An attempt to submit a queued transaction failed.
 * @publicApi
 */
export interface OperonQueueFailedEvent {
  type: 'failed';
  jobId: string;
  correlationId: string;
  workstreamId?: string;
  /** Attempts made so far, this one included. */
  attempts: number;
  /**
   * True when the job is now in BullMQ's failed state and will not be
   * tried again (permanent error, attempts used up, or too many crashes).
   */
  final: boolean;
  error: OperonQueueJobError;
}

/**
 * Everything the queue reports; emitted by the instance whose worker
 * processed the job.
 * @publicApi
 */
export type OperonQueueEvent =
  OperonQueueSubmittedEvent | OperonQueueFailedEvent;
