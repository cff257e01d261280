import { decodeTokenClaims } from '../auth/claims.util.js';
import { OperonDecodeError } from '../errors/operon-decode.error.js';
import { clean, cleanList } from '../utils/strings.util.js';
import type { SessionInfo } from './session-info.interface.js';

/**
 * Builds the session from Operon's `/v1/session/validate` answer
 * (snake_case members, PROTOCOL §3.10) and the PAT's claims (§6.7).
 * @throws {OperonDecodeError} when the answer is not a JSON object.
 * @internal
 */
export function readSessionInfo(
  body: unknown,
  pat: string,
  status: number,
  now = Date.now(),
): SessionInfo {
  if (!isObject(body)) {
    throw new OperonDecodeError(
      'decode validation response: body is not an object',
      status,
    );
  }
  const claims = decodeTokenClaims(pat);
  const flags = body.feature_flags;
  return {
    userId: text(body.user_id),
    email: text(body.email),
    name: text(body.name),
    customerId: text(body.customer_id),
    roles: cleanList(body.roles),
    featureFlags: isObject(flags) ? structuredClone(flags) : {},
    workstreamId: claims.workstreamId ?? '',
    workspaceId: claims.workspaceId ?? '',
    participantDid: claims.participantDid ?? '',
    participantId: claims.participantId ?? '',
    clientId: claims.clientId ?? '',
    sessionId: claims.sessionId ?? '',
    expiresAt: claims.expiresAt,
    expiresInSeconds: secondsLeft(claims.expiresAt, now),
  };
}

/**
 * A copy of a session that shares nothing mutable with it. By hand rather
 * than `structuredClone()`: the session guard copies a cached session on
 * every request, and this is about twenty times cheaper.
 * @internal
 */
export function copySession(session: SessionInfo): SessionInfo {
  const { roles, featureFlags, expiresAt } = session;
  return {
    ...session,
    roles: [...roles],
    featureFlags:
      Object.keys(featureFlags).length > 0 ? structuredClone(featureFlags) : {},
    expiresAt: expiresAt && new Date(expiresAt.getTime()),
  };
}

/**
 * Whole seconds until `expiresAt`, rounded (Go), never negative; 0 when
 * there is no expiry.
 * @internal
 */
export function secondsLeft(expiresAt: Date | undefined, now = Date.now()) {
  if (!expiresAt) return 0;
  return Math.max(0, Math.round((expiresAt.getTime() - now) / 1000));
}

function text(value: unknown): string {
  return clean(value) ?? '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
