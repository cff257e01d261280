import { Logger, type LoggerService } from '@nestjs/common';
import type { ResolvedOperonOptions } from '../options/resolved-options.interface.js';

/**
 * The logger a service of this module writes to: Nest's `Logger` with the
 * class name as context by default, the user's `LoggerService` when given,
 * or nothing at all with `logger: false`.
 * @internal
 */
export function createOperonLogger(
  options: Pick<ResolvedOperonOptions, 'logger'>,
  context: string,
): LoggerService {
  if (options.logger === false) return SILENT;
  if (!options.logger) return new Logger(context);
  const target = options.logger;
  return {
    log: (message: unknown) => target.log(message, context),
    error: (message: unknown) => target.error(message, undefined, context),
    warn: (message: unknown) => target.warn(message, context),
    debug: (message: unknown) => target.debug?.(message, context),
    verbose: (message: unknown) => target.verbose?.(message, context),
  };
}

const noop = () => undefined;
const SILENT: LoggerService = {
  log: noop,
  error: noop,
  warn: noop,
  debug: noop,
  verbose: noop,
};
