import { handleToken } from './handlers/token.handler.js';
import { handleSign } from './handlers/sign.handler.js';
import { handleTransaction } from './handlers/transaction/transaction.handler.js';
import {
  handleInteractions,
  handleParticipants,
  handleWorkstream,
  handleWorkstreamInteractions,
  handleWorkstreamParticipants,
} from './handlers/catalogue.handler.js';
import { handleVerify } from './handlers/verify.handler.js';
import { handleHeartbeat, handleValidate } from './handlers/session.handler.js';
import { handleResolve } from './handlers/resolver.handler.js';
import type { EmulatorHandler } from './handlers/handler.types.js';
import type { OperonEmulatorRouteId } from './http/fault.types.js';

/**
 * Path of the client API below the emulator's origin.
 * @internal
 */
export const API_BASE_PATH = '/client-api';

/**
 * Path of the standard token endpoint.
 * @internal
 */
export const TOKEN_PATH = '/oauth2/token';

/**
 * Path of the legacy JSON token endpoint (§2.2 selects it by the
 * `/v1/session/m2m` substring).
 * @internal
 */
export const LEGACY_TOKEN_PATH = `${API_BASE_PATH}/v1/session/m2m/token`;

/**
 * One endpoint: where it lives, whether it needs a bearer token, and who
 * answers it.
 * @internal
 */
export interface EmulatorRoute {
  id: OperonEmulatorRouteId;
  method: 'GET' | 'POST';
  /** Prefix the template is relative to (`''` or the API base). */
  base: string;
  template: string;
  bearer: boolean;
  handler: EmulatorHandler;
}

function api(
  id: OperonEmulatorRouteId,
  method: 'GET' | 'POST',
  template: string,
  handler: EmulatorHandler,
): EmulatorRoute {
  return { id, method, base: API_BASE_PATH, template, bearer: true, handler };
}

/**
 * Every emulated endpoint, E1–E12 of PROTOCOL §1.3.
 * @internal
 */
export const EMULATOR_ROUTES: readonly EmulatorRoute[] = [
  {
    id: 'token',
    method: 'POST',
    base: '',
    template: TOKEN_PATH,
    bearer: false,
    handler: handleToken,
  },
  {
    id: 'token',
    method: 'POST',
    base: API_BASE_PATH,
    template: '/v1/session/m2m/token',
    bearer: false,
    handler: handleToken,
  },
  api('sign', 'POST', '/v1/dids/self/sign', handleSign),
  api('transactions', 'POST', '/v1/transactions', handleTransaction),
  api('interactions', 'GET', '/v1/interactions', handleInteractions),
  api('participants', 'GET', '/v1/participants', handleParticipants),
  api('workstream', 'GET', '/v1/workstreams/{workstreamId}', handleWorkstream),
  api(
    'workstreamInteractions',
    'GET',
    '/v1/workstreams/{workstreamId}/interactions',
    handleWorkstreamInteractions,
  ),
  api(
    'workstreamParticipants',
    'GET',
    '/v1/workstreams/{workstreamId}/participants',
    handleWorkstreamParticipants,
  ),
  api('verify', 'POST', '/v1/dids/{did}/signature/verify', handleVerify),
  api('validate', 'GET', '/v1/session/validate', handleValidate),
  api('heartbeat', 'GET', '/v1/session/heartbeat', handleHeartbeat),
  {
    id: 'resolver',
    method: 'GET',
    base: '',
    template: '/1.0/identifiers/{did}',
    bearer: false,
    handler: handleResolve,
  },
];
