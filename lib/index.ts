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
