import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';

/**
 * A guard setting from route metadata: the handler's value wins over the
 * controller's, so one route can tighten or relax its controller.
 * @internal
 */
export function routeMetadata<T>(
  reflector: Reflector,
  key: string,
  context: ExecutionContext,
): T | undefined {
  return reflector.getAllAndOverride<T | undefined>(key, [
    context.getHandler(),
    context.getClass(),
  ]);
}
