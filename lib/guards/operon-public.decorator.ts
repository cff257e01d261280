import { SetMetadata } from '@nestjs/common';
import { OPERON_PUBLIC_KEY } from './operon-guards.constants.js';

/**
 * Lets a route (or every route of a controller) through the Operon
 * guards, typically when they are registered globally with `APP_GUARD`.
 * A method's decorator wins over its controller's.
 * @publicApi
 */
export const OperonPublic = (isPublic = true) =>
  SetMetadata(OPERON_PUBLIC_KEY, isPublic);
