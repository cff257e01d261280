import { OperonError } from './operon.error.js';

/**
 * A request was rejected locally, before anything was sent to Operon. The
 * message is the reference SDK's text (PROTOCOL §4.2, §5, §6).
 * @publicApi
 */
export class OperonValidationError extends OperonError {
  override readonly name = 'OperonValidationError';

  constructor(message: string) {
    super(message);
  }
}
