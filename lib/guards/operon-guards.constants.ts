/** Metadata key of `@OperonPublic()`. @publicApi */
export const OPERON_PUBLIC_KEY = 'operon:public';
/** Metadata key of `@OperonAllowedSenders()`. @publicApi */
export const OPERON_ALLOWED_SENDERS_KEY = 'operon:allowed-senders';
/** Metadata key of `@OperonRoles()`. @publicApi */
export const OPERON_ROLES_KEY = 'operon:roles';
/** Metadata key of `@OperonWorkstream()`. @publicApi */
export const OPERON_WORKSTREAM_KEY = 'operon:workstream';

/**
 * Request property where `OperonSignatureGuard` puts the verified
 * signature (`OperonVerifiedSignature`).
 * @publicApi
 */
export const OPERON_SIGNATURE_PROPERTY = 'operonSignature';
/**
 * Request property where `OperonSessionGuard` puts the `SessionInfo`.
 * @publicApi
 */
export const OPERON_SESSION_PROPERTY = 'operonSession';

/**
 * Fixed texts of the guards' answers: they never say which check failed,
 * the reason goes to the debug log only.
 * @publicApi
 */
export const OPERON_GUARD_MESSAGES = {
  invalidSignature: 'Invalid or missing Operon signature',
  senderNotAllowed: 'Sender is not allowed',
  unsupportedMediaType: 'Content type cannot be verified',
  misconfigured: 'Signature verification is not available',
  invalidSession: 'Invalid or missing Operon session',
  missingRole: 'Session lacks a required role',
  wrongWorkstream: 'Session is not scoped to the required workstream',
  unavailable: 'Operon is unavailable, try again later',
} as const;
