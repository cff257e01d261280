/**
 * Operon claims read from an access token (PROTOCOL §2.6), trimmed, with
 * blank values absent.
 * @publicApi
 */
export interface OperonTokenClaims {
  participantDid?: string;
  participantId?: string;
  participantName?: string;
  /** `workstream_id`, or the legacy `channel_id`. */
  workstreamId?: string;
  customerId?: string;
  workspaceId?: string;
  email?: string;
  name?: string;
  tenantIds?: string[];
  roles?: string[];
  memberId?: string;
  sessionId?: string;
  orgId?: string;
  /** `client_id`, or `azp` when that is blank. */
  clientId?: string;
  /** `exp` as an instant; absent when missing or not positive. */
  expiresAt?: Date;
}

/**
 * A token the module can use, with its claims.
 * @publicApi
 */
export interface OperonAccessToken {
  accessToken: string;
  /** When the token stops being reused (local clock at receipt). */
  expiresAt?: Date;
  claims: OperonTokenClaims;
}
