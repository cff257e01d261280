import { clean, cleanList } from '../utils/strings.util.js';
import type { OperonTokenClaims } from './operon-claims.interface.js';

const STRING_CLAIMS = {
  participantDid: 'participant_did',
  participantId: 'participant_id',
  participantName: 'participant_name',
  customerId: 'customer_id',
  workspaceId: 'workspace_id',
  email: 'email',
  name: 'name',
  memberId: 'member_id',
  sessionId: 'session_id',
  orgId: 'org_id',
} as const;

// The latest instant a Date can hold; a larger `exp` would be Invalid Date.
const MAX_EXP_SECONDS = 8.64e12;

/**
 * Reads the claims of a JWT-shaped token without verifying it, claim by
 * claim: a claim of the wrong type is ignored, the others survive
 * (PROTOCOL §10.2 #4). Anything unreadable yields no claims, never an error.
 * @publicApi
 */
export function decodeTokenClaims(token: string): OperonTokenClaims {
  const payload = decodePayload(token);
  if (!payload) return {};
  const claims: OperonTokenClaims = {};
  for (const [field, key] of Object.entries(STRING_CLAIMS)) {
    const value = clean(payload[key]);
    if (value) claims[field as keyof typeof STRING_CLAIMS] = value;
  }
  const workstream = clean(payload.workstream_id) ?? clean(payload.channel_id);
  if (workstream) claims.workstreamId = workstream;
  const clientId = clean(payload.client_id) ?? clean(payload.azp);
  if (clientId) claims.clientId = clientId;
  if (Array.isArray(payload.tenant_ids)) {
    claims.tenantIds = cleanList(payload.tenant_ids);
  }
  if (Array.isArray(payload.roles)) claims.roles = cleanList(payload.roles);
  const exp = payload.exp;
  if (typeof exp === 'number' && exp > 0 && exp <= MAX_EXP_SECONDS) {
    claims.expiresAt = new Date(Math.trunc(exp) * 1000);
  }
  return claims;
}

function decodePayload(token: unknown): Record<string, unknown> | undefined {
  if (typeof token !== 'string') return undefined;
  const parts = token.split('.');
  if (parts.length < 2) return undefined;
  try {
    const json = Buffer.from(parts[1]!, 'base64url').toString('utf8');
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Merges newly read claims into cached ones: a blank value never clears a
 * cached one, so a DID from an earlier token survives a refresh without it.
 * @internal
 */
export function mergeClaims(
  cached: OperonTokenClaims,
  fresh: OperonTokenClaims,
): OperonTokenClaims {
  const merged: OperonTokenClaims = { ...cached };
  for (const [key, value] of Object.entries(fresh)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}
