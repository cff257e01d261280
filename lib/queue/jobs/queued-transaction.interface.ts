import type { TransactionDraft } from '../../transactions/draft/transaction-request.interface.js';

/**
 * What a job keeps in Redis for one transaction: the request without its
 * payload, with the payload's hash instead, and the timestamp fixed when
 * it was enqueued (ISO 8601), so a late submission still records when the
 * business event happened.
 * @publicApi
 */
export interface OperonQueuedTransaction extends Omit<
  TransactionDraft,
  'timestamp'
> {
  correlationId: string;
  interactionId: string;
  /** base64url SHA-256 of the payload, 43 characters. */
  payloadHash: string;
  /** ISO 8601 instant. */
  timestamp: string;
}

/**
 * What `enqueueTransaction()` returns.
 * @publicApi
 */
export interface OperonEnqueuedTransaction {
  /** BullMQ job ID, derived from the workstream and correlation IDs. */
  jobId: string;
  correlationId: string;
  /** The workstream given with the request, if any. */
  workstreamId?: string;
  /** The hash that will be submitted in place of the payload. */
  payloadHash: string;
}

/**
 * The return value a submitted job keeps in Redis: enough to find the
 * transaction in Operon, nothing more.
 * @publicApi
 */
export interface OperonQueueJobResult {
  /** Operon's ID of the stored transaction. */
  transactionId: string;
  /** Its status when it was accepted, e.g. `received`. */
  status: string;
}
