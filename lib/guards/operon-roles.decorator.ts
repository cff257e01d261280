import { SetMetadata } from '@nestjs/common';
import { OPERON_ROLES_KEY } from './operon-guards.constants.js';

/**
 * Roles the session must hold, every one of them, for
 * `OperonSessionGuard` to let a request through (403 otherwise). Matched
 * exactly against `SessionInfo.roles`. A method's list replaces its
 * controller's.
 * @publicApi
 */
export const OperonRoles = (...roles: string[]) =>
  SetMetadata(
    OPERON_ROLES_KEY,
    roles.map((role) => role.trim()).filter(Boolean),
  );
