/**
 * What a token provider returns (Go SDK v1.4 `Token`). Blank fields fall
 * back to the claims of `accessToken`.
 * @publicApi
 */
export interface OperonTokenRecord {
  accessToken: string;
  expiresAt?: Date;
  participantDid?: string;
  participantId?: string;
  participantName?: string;
  workstreamId?: string;
  workspaceId?: string;
  customerId?: string;
  email?: string;
  name?: string;
  tenantIds?: string[];
  roles?: string[];
  memberId?: string;
  sessionId?: string;
  orgId?: string;
}

/**
 * Supplies access tokens in place of client credentials. Tokens are not
 * cached by the module: `getToken()` is called for every operation.
 * @publicApi
 */
export interface OperonTokenProvider {
  /** Returns the current token. */
  getToken(): Promise<OperonTokenRecord> | OperonTokenRecord;
  /** Optional: called by the heartbeat after a 401; `getToken()` if absent. */
  forceRefresh?(): Promise<OperonTokenRecord> | OperonTokenRecord;
}
