import type { LoggerService } from '@nestjs/common';
import { describeError } from '../errors/describe-error.util.js';

/**
 * An `error` listener for a BullMQ queue or worker that logs an error only
 * when it differs from the previous one: during a Redis outage ioredis
 * reports the same error on every reconnect attempt.
 * @internal
 */
export function distinctErrorLogger(
  logger: LoggerService,
  label: string,
): (error: Error) => void {
  let last = '';
  return (error) => {
    const text = describeError(error);
    if (text !== last) logger.error(`${label}: ${text}`);
    last = text;
  };
}
