import { OperonError } from './operon.error.js';

/**
 * Fields of an {@link OperonTransportError}.
 * @publicApi
 */
export interface OperonTransportErrorInit {
  method: string;
  path: string;
  /** Node or axios error code, e.g. `ECONNRESET`, `ECONNABORTED`. */
  code?: string;
  timedOut?: boolean;
  /** A sanitised copy of the underlying error (name, code, message). */
  cause?: Error;
}

/**
 * No usable HTTP answer: timeout, connection refused or reset, DNS failure.
 * The original error is kept as a sanitised `cause` without request config.
 * @publicApi
 */
export class OperonTransportError extends OperonError {
  override readonly name = 'OperonTransportError';
  readonly method: string;
  readonly path: string;
  readonly code?: string;
  /** True when the request hit its timeout. */
  readonly timedOut: boolean;

  constructor(init: OperonTransportErrorInit) {
    const what = init.timedOut ? 'timed out' : 'failed';
    const why = init.cause ? `: ${init.cause.message}` : '';
    super(`operon: request ${init.method} ${init.path} ${what}${why}`, {
      cause: init.cause,
    });
    this.method = init.method;
    this.path = init.path;
    this.code = init.code;
    this.timedOut = init.timedOut ?? false;
  }
}
