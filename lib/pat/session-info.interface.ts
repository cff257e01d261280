/**
 * Who is behind a PAT (PROTOCOL §6.7): identity from Operon's session
 * answer, scope from the token's own claims. Strings Operon or the token
 * left out are empty.
 * @publicApi
 */
export interface SessionInfo {
  userId: string;
  email: string;
  name: string;
  /** From the session answer, not from the token. */
  customerId: string;
  /** Trimmed, blanks dropped. */
  roles: string[];
  /** Operon's feature flags; `{}` when absent. */
  featureFlags: Record<string, unknown>;
  /** Token claim `workstream_id` (legacy `channel_id`). */
  workstreamId: string;
  workspaceId: string;
  participantDid: string;
  participantId: string;
  /** Token claim `client_id`, else `azp`. */
  clientId: string;
  sessionId: string;
  /** Token claim `exp`; absent when the token has none. */
  expiresAt?: Date;
  /** Whole seconds left, rounded, never negative; 0 without expiry. */
  expiresInSeconds: number;
}
