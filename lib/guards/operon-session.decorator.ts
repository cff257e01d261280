import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { SessionInfo } from '../pat/session-info.interface.js';
import { OPERON_SESSION_PROPERTY } from './operon-guards.constants.js';

/**
 * Hands the caller's `SessionInfo` to the handler. `undefined` when
 * `OperonSessionGuard` did not run on the route (or it is public).
 * @publicApi
 */
export const OperonSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    context.switchToHttp().getRequest<Record<string, unknown>>()[
      OPERON_SESSION_PROPERTY
    ] as SessionInfo | undefined,
);
