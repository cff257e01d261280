import { OperonError } from './operon.error.js';

/**
 * Operon answered with a success status but the body is not what the
 * protocol promises (not JSON, or a required member is missing).
 * @publicApi
 */
export class OperonDecodeError extends OperonError {
  override readonly name = 'OperonDecodeError';
  readonly status: number;

  constructor(message: string, status: number) {
    super(`operon: ${message}`);
    this.status = status;
  }
}
