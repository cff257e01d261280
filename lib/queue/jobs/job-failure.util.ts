import { UnrecoverableError } from 'bullmq';
import { describeError } from '../../errors/describe-error.util.js';
import { OperonApiError } from '../../errors/operon-api.error.js';
import { OperonConfigurationError } from '../../errors/operon-configuration.error.js';
import { OperonValidationError } from '../../errors/operon-validation.error.js';
import type { OperonQueueJobError } from '../events/operon-queue-events.interface.js';

// Client errors that a later attempt can still get past.
const TRANSIENT_CLIENT_STATUSES = new Set([408, 425, 429]);

/**
 * Whether repeating the submission cannot help: the request was rejected
 * locally, the configuration is wrong, or Operon answered with a 4xx other
 * than a timeout or throttling (a 409 correlation conflict included).
 * @publicApi
 */
export function isPermanentSubmissionError(error: unknown): boolean {
  if (error instanceof OperonValidationError) return true;
  if (error instanceof OperonConfigurationError) return true;
  return (
    error instanceof OperonApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    !TRANSIENT_CLIENT_STATUSES.has(error.status)
  );
}

/** The error a job fails with, carrying its safe description. @internal */
export type FailedJobError = Error & { operon?: OperonQueueJobError };

/**
 * What a failed attempt throws to BullMQ: a fresh error whose message is
 * the safe description of the original (no request config, headers or
 * tokens reach Redis), unrecoverable when retrying cannot help.
 * @internal
 */
export function toJobError(error: unknown): FailedJobError {
  const operon = describeJobError(error);
  const thrown: FailedJobError = operon.permanent
    ? new UnrecoverableError(operon.message)
    : new Error(operon.message);
  thrown.operon = operon;
  return thrown;
}

/**
 * A safe, plain description of any failure.
 * @internal
 */
export function describeJobError(error: unknown): OperonQueueJobError {
  const fields = (error ?? {}) as { status?: unknown; code?: unknown };
  const description: OperonQueueJobError = {
    name: error instanceof Error ? error.name : 'Error',
    message: describeError(error),
    permanent: isPermanentSubmissionError(error),
  };
  if (typeof fields.status === 'number') description.status = fields.status;
  if (typeof fields.code === 'string') description.code = fields.code;
  return description;
}
