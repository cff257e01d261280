import { OperonValidationError } from '../errors/operon-validation.error.js';
import { clean, cleanList } from '../utils/strings.util.js';
import { decodeTokenClaims } from './claims.util.js';
import type {
  OperonAccessToken,
  OperonTokenClaims,
} from './operon-claims.interface.js';
import type { OperonTokenRecord } from './token-provider.interface.js';

const SCALARS = [
  'participantDid',
  'participantId',
  'participantName',
  'workstreamId',
  'workspaceId',
  'customerId',
  'email',
  'name',
  'memberId',
  'sessionId',
  'orgId',
] as const;

/**
 * Normalises a provider's record (PROTOCOL §2.7): trimmed token, each blank
 * field filled from the token's claims, provider lists winning when present
 * at all, expiry from the record or else from `exp`.
 * @throws {OperonValidationError} when the access token is blank.
 * @internal
 */
export function normaliseProviderToken(
  record: OperonTokenRecord | undefined,
): OperonAccessToken {
  const accessToken = clean(record?.accessToken);
  if (!record || !accessToken) {
    throw new OperonValidationError(
      'token provider returned empty access token',
    );
  }
  const fromJwt = decodeTokenClaims(accessToken);
  const claims: OperonTokenClaims = { ...fromJwt };
  for (const key of SCALARS) {
    const value = clean(record[key]);
    if (value) claims[key] = value;
  }
  // Go's nil list is "absent"; in JavaScript that is null or undefined.
  if (record.tenantIds != null) claims.tenantIds = cleanList(record.tenantIds);
  if (record.roles != null) claims.roles = cleanList(record.roles);
  const expiresAt = isValidDate(record.expiresAt)
    ? record.expiresAt
    : fromJwt.expiresAt;
  return { accessToken, expiresAt, claims };
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}
