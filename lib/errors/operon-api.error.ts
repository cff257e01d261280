import { OperonError } from './operon.error.js';

/**
 * Fields of an {@link OperonApiError}.
 * @publicApi
 */
export interface OperonApiErrorInit {
  status: number;
  message: string;
  code?: string;
  details?: unknown;
  method?: string;
  path?: string;
  requestId?: string;
  retryAfterMs?: number;
}

/**
 * Operon answered with an HTTP status of 400 or more. `message` and `code`
 * are decoded from the body as the reference SDK does (PROTOCOL §8.1).
 * @publicApi
 */
export class OperonApiError extends OperonError {
  override readonly name = 'OperonApiError';
  /** HTTP status code. */
  readonly status: number;
  /** Operon's error code, e.g. `INVALID_CLIENT`, when the body had one. */
  readonly code?: string;
  /** The body's `details` member, when present. */
  readonly details?: unknown;
  /** Method and path (never the query) of the failed call. */
  readonly method?: string;
  readonly path?: string;
  /** The `x-request-id` response header, when present. */
  readonly requestId?: string;
  /** The `Retry-After` response header in milliseconds, when present. */
  readonly retryAfterMs?: number;

  constructor(init: OperonApiErrorInit) {
    const suffix = init.code ? ` (${init.code})` : '';
    super(`operon: ${init.message}${suffix}`);
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.method = init.method;
    this.path = init.path;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
  }
}
