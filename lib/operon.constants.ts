/** Default client API base URL. @publicApi */
export const DEFAULT_BASE_URL = 'https://api.operon.cloud/client-api';
/** Default OAuth token URL. @publicApi */
export const DEFAULT_TOKEN_URL = 'https://auth.operon.cloud/oauth2/token';
/** Default DID resolver base URL. @publicApi */
export const DEFAULT_DID_RESOLVER_URL = 'https://did.operon.cloud';
/** Default timeout of one HTTP request. @publicApi */
export const DEFAULT_HTTP_TIMEOUT_MS = 30_000;
/** Default token refresh leeway. @publicApi */
export const DEFAULT_TOKEN_LEEWAY_MS = 30_000;
/** Default timeout of one heartbeat. @publicApi */
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 10_000;
/** Hash algorithm label sent to the signing endpoint. @publicApi */
export const HASH_ALGORITHM = 'SHA-256';

/**
 * Internal token of the validated options with defaults applied.
 * @internal
 */
export const OPERON_RESOLVED_OPTIONS = Symbol('OPERON:RESOLVED_OPTIONS');
/**
 * Internal token of the module's dedicated `HttpService`.
 * @internal
 */
export const OPERON_HTTP_SERVICE = Symbol('OPERON:HTTP_SERVICE');
