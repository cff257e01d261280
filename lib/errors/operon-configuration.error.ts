import { OperonError } from './operon.error.js';

/**
 * The module options are invalid. The message names the option and the fix.
 * @publicApi
 */
export class OperonConfigurationError extends OperonError {
  override readonly name = 'OperonConfigurationError';

  constructor(message: string) {
    super(message);
  }
}
