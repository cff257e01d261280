import { SetMetadata } from '@nestjs/common';
import { OPERON_WORKSTREAM_KEY } from './operon-guards.constants.js';

/**
 * Requires the PAT to be scoped to this workstream on a route or
 * controller (403 otherwise); replaces the module's `requiredWorkstreamId`
 * there. An empty ID lifts the requirement.
 * @publicApi
 */
export const OperonWorkstream = (workstreamId: string) =>
  SetMetadata(OPERON_WORKSTREAM_KEY, workstreamId.trim());
