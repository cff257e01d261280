import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import {
  OperonApiError,
  OperonConfigurationError,
  OperonError,
  OperonTransportError,
  OperonValidationError,
} from 'nestjs-operon';

/**
 * Turns errors of nestjs-operon into HTTP answers. Their messages never
 * hold secrets, so they can be shown as they are.
 */
@Catch(OperonError)
export class OperonErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(OperonErrorFilter.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(error: OperonError, host: ArgumentsHost): void {
    const status = statusFor(error);
    this.logger.warn(`${error.name}: ${error.message}`);
    this.adapterHost.httpAdapter.reply(
      host.switchToHttp().getResponse(),
      { statusCode: status, error: error.name, message: error.message },
      status,
    );
  }
}

function statusFor(error: OperonError): number {
  // Rejected before anything was sent: the request itself is wrong.
  if (error instanceof OperonValidationError) return HttpStatus.BAD_REQUEST;
  if (error instanceof OperonApiError) {
    // Same correlation ID with another payload: the order exists already.
    if (error.status === 409) return HttpStatus.CONFLICT;
    if (error.status === 429) return HttpStatus.SERVICE_UNAVAILABLE;
    return HttpStatus.BAD_GATEWAY;
  }
  if (error instanceof OperonTransportError) {
    return error.timedOut
      ? HttpStatus.GATEWAY_TIMEOUT
      : HttpStatus.SERVICE_UNAVAILABLE;
  }
  if (error instanceof OperonConfigurationError) {
    return HttpStatus.INTERNAL_SERVER_ERROR;
  }
  // OperonDecodeError: Operon's answer could not be used.
  return HttpStatus.BAD_GATEWAY;
}
