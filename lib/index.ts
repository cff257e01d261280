// Module and options
export { OperonModule } from './operon.module.js';
export {
  OPERON_MODULE_OPTIONS,
  type OperonModuleAsyncOptions,
  type OperonModuleExtras,
  type OperonModuleForRootOptions,
  type OperonOptionsFactory,
} from './operon.module-definition.js';
export type {
  OperonModuleOptions,
  OperonRetryOptions,
  OperonTokenProviderRef,
  OperonVerificationMode,
  SigningAlgorithm,
} from './options/operon-module-options.interface.js';
export {
  DEFAULT_BASE_URL,
  DEFAULT_DID_RESOLVER_URL,
  DEFAULT_HEARTBEAT_TIMEOUT_MS,
  DEFAULT_HTTP_TIMEOUT_MS,
  DEFAULT_TOKEN_LEEWAY_MS,
  DEFAULT_TOKEN_URL,
  HASH_ALGORITHM,
} from './operon.constants.js';

// Authentication
export { OperonAuthService } from './auth/operon-auth.service.js';
export { decodeTokenClaims } from './auth/claims.util.js';
export type {
  OperonAccessToken,
  OperonTokenClaims,
} from './auth/operon-claims.interface.js';
export type {
  OperonTokenProvider,
  OperonTokenRecord,
} from './auth/token-provider.interface.js';

// Heartbeat, lifecycle and health
export {
  OPERON_HEARTBEAT_INTERVAL,
  OperonHeartbeatService,
} from './heartbeat/operon-heartbeat.service.js';
export { OperonLifecycleService } from './heartbeat/operon-lifecycle.service.js';
export { OperonHealthIndicator } from './heartbeat/operon-health.indicator.js';
export type {
  OperonHealthCheckOptions,
  OperonHealthDetails,
  OperonHealthResult,
  OperonHeartbeatState,
} from './heartbeat/operon-heartbeat.interface.js';

// Transactions
export { TransactionsService } from './transactions/transactions.service.js';
export {
  validateTransaction,
  type TransactionValidationOptions,
} from './transactions/draft/transaction-validation.util.js';
export {
  buildTransactionBody,
  type TransactionBody,
} from './transactions/draft/transaction-body.util.js';
export { toTransactionDraft } from './transactions/draft/transaction-draft.util.js';
export type {
  TransactionDraft,
  TransactionRequest,
} from './transactions/draft/transaction-request.interface.js';
export type { Transaction } from './transactions/transaction.interface.js';
export type { Signature } from './transactions/signature.interface.js';
export type {
  InteractionSummary,
  ParticipantSummary,
} from './transactions/reference-data/reference-data.interface.js';

// Workstreams
export { WorkstreamsService } from './workstreams/workstreams.service.js';
export {
  activeStates,
  defaultState,
  findState,
  findStateByName,
  findStateBySourceCode,
} from './workstreams/workstream-state.util.js';
export type {
  Workstream,
  WorkstreamState,
} from './workstreams/workstream.interface.js';
export type {
  WorkstreamInteraction,
  WorkstreamInteractionsResponse,
  WorkstreamPage,
  WorkstreamParticipant,
  WorkstreamParticipantsResponse,
} from './workstreams/workstream-catalogue.interface.js';

// Enumerations
export {
  InteractionActor,
  InteractionType,
  RoiClassification,
  TransactionStatus,
  WorkstreamMode,
  WorkstreamStateStatus,
  WorkstreamStatus,
  WorkstreamType,
} from './models/operon-enums.constants.js';

// Signatures
export { SignatureService } from './signatures/signature.service.js';
export {
  OPERON_HEADER_ALGORITHM,
  OPERON_HEADER_DID,
  OPERON_HEADER_KEY_ID,
  OPERON_HEADER_PAYLOAD_HASH,
  OPERON_HEADER_SIGNATURE,
  OPERON_SIGNATURE_HEADER_NAMES,
  type OperonSignatureHeaderName,
} from './signatures/signature-headers.constants.js';
export type {
  OperonHeaderInput,
  OperonHeaderValue,
  OperonSignatureCheck,
  OperonSignatureHeaders,
  OperonSignaturePayload,
  OperonSignatureVerification,
} from './signatures/signature.interface.js';

// DID resolution and local verification
export {
  DidResolverService,
  OPERON_DID_PREFIX,
} from './dids/did-resolver.service.js';
export { verifyJws } from './dids/jws.util.js';
export {
  OPERON_DID_ERROR_KINDS,
  OperonDidError,
  type OperonDidErrorInit,
  type OperonDidErrorKind,
  type OperonDidErrorSource,
} from './dids/operon-did.error.js';
export type {
  OperonDidDocument,
  OperonDidService,
  OperonPublicKeyJwk,
  OperonVerificationMethod,
  OperonVerifiedJws,
} from './dids/did-document.interface.js';

// PAT helpers and sessions
export { PatService } from './pat/pat.service.js';
export type { SessionInfo } from './pat/session-info.interface.js';

// Guards and decorators
export { OperonSignatureGuard } from './guards/operon-signature.guard.js';
export { OperonSessionGuard } from './guards/operon-session.guard.js';
export { OperonSessionCache } from './guards/operon-session.cache.js';
export { OperonPublic } from './guards/operon-public.decorator.js';
export { OperonAllowedSenders } from './guards/operon-allowed-senders.decorator.js';
export { OperonRoles } from './guards/operon-roles.decorator.js';
export { OperonWorkstream } from './guards/operon-workstream.decorator.js';
export {
  OperonSignature,
  type OperonVerifiedSignature,
} from './guards/operon-signature.decorator.js';
export { OperonSession } from './guards/operon-session.decorator.js';
export {
  OPERON_ALLOWED_SENDERS_KEY,
  OPERON_GUARD_MESSAGES,
  OPERON_PUBLIC_KEY,
  OPERON_ROLES_KEY,
  OPERON_SESSION_PROPERTY,
  OPERON_SIGNATURE_PROPERTY,
  OPERON_WORKSTREAM_KEY,
} from './guards/operon-guards.constants.js';

// Payloads and algorithms
export { hashPayload, type OperonPayload } from './utils/payload.util.js';
export {
  canonicalAlgorithm,
  SIGNING_ALGORITHMS,
} from './utils/signing-algorithm.util.js';

// Errors
export {
  OperonApiError,
  OperonConfigurationError,
  OperonDecodeError,
  OperonError,
  OperonTransportError,
  OperonValidationError,
  type OperonApiErrorInit,
  type OperonTransportErrorInit,
} from './errors/index.js';
