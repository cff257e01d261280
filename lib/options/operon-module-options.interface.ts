import type { LoggerService } from '@nestjs/common';
import type { OperonTokenProvider } from '../auth/token-provider.interface.js';

/**
 * Signing algorithms Operon can sign with (PROTOCOL §9).
 * @publicApi
 */
export type SigningAlgorithm = 'EdDSA' | 'ES256' | 'ES256K';

/**
 * How incoming signature headers are verified.
 * - `remote`: Operon's verify endpoint checks every request (the default).
 * - `local`: the sender's DID document is resolved (and cached) and the
 *   JWS is checked in-process, removing one round trip per request.
 * @publicApi
 */
export type OperonVerificationMode = 'remote' | 'local';

/**
 * Retry policy of the calls that are safe to repeat: token fetches, every
 * read (catalogue, workstreams, session validation), sign and verify
 * requests, and transaction submissions (each carries a correlation ID,
 * which makes a replay return the stored transaction, PROTOCOL §13.2). The
 * heartbeat is never retried: its next beat is the retry.
 *
 * A call is retried after a transport failure (connection refused or
 * reset, timeout) or a 429, 502, 503 or 504 answer, never after any other
 * status or a response that cannot be decoded. Retry `n` (0-based) waits a
 * random time between half and all of `minDelayMs × 2ⁿ`, at most
 * `maxDelayMs`; a longer `Retry-After` wins, capped at `maxDelayMs`.
 *
 * The defaults (2 retries, 100 ms doubling, 2 s cap) ride out a deploy
 * blip or a throttling burst while keeping a request handler's worst case
 * short: about 0.3 s of waiting, or 4 s when Operon sends `Retry-After`.
 * Each attempt has its own `httpTimeoutMs`. Queue workers that retry jobs
 * themselves may prefer `retry: false`.
 * @publicApi
 */
export interface OperonRetryOptions {
  /** Attempts after the first one; `0` never retries. @default 2 */
  retries?: number;
  /** Backoff before the first retry; doubled on each later one. @default 100 */
  minDelayMs?: number;
  /** Upper bound of one wait, `Retry-After` included. @default 2000 */
  maxDelayMs?: number;
}

/**
 * Options of `OperonModule.forRoot()` and of the `forRootAsync()` factory.
 * Names follow the official Node SDK where it has one. Numbers may also be
 * given as numeric strings (environment variables); anything else that is
 * not a finite number is rejected at boot.
 * @publicApi
 */
export interface OperonModuleOptions {
  /** OAuth client ID of the M2M app. Exclusive with `tokenProvider`. */
  clientId?: string;
  /** OAuth client secret of the M2M app. Never logged. */
  clientSecret?: string;
  /**
   * Client API base URL. A trailing `/` is removed.
   * @default 'https://api.operon.cloud/client-api'
   */
  baseUrl?: string;
  /**
   * OAuth token URL. A URL containing `/v1/session/m2m` selects the legacy
   * JSON token request.
   * @default 'https://auth.operon.cloud/oauth2/token'
   */
  tokenUrl?: string;
  /** OAuth scope sent with the token request when not blank. */
  scope?: string;
  /** OAuth audiences, one `audience` form field each. */
  audience?: string[];
  /** Timeout of one HTTP request. @default 30000 */
  httpTimeoutMs?: number;
  /**
   * A cached token is reused while it has more than this left.
   * @default 30000
   */
  tokenLeewayMs?: number;
  /**
   * Turn off managed signing (callers then bring their own signature).
   * @default false
   */
  disableSelfSign?: boolean;
  /**
   * Algorithm for managed signing, matched case-insensitively.
   * @default 'EdDSA'
   */
  signingAlgorithm?: SigningAlgorithm | string;
  /** Heartbeat period; `0` disables the heartbeat. @default 0 */
  sessionHeartbeatIntervalMs?: number;
  /** Timeout of one heartbeat. @default 10000 */
  sessionHeartbeatTimeoutMs?: number;
  /** Heartbeat URL. @default '{baseUrl}/v1/session/heartbeat' */
  sessionHeartbeatUrl?: string;
  /**
   * Supplies access tokens instead of client credentials (Go SDK v1.4).
   * An object, or a class / injection token resolved from the container.
   */
  tokenProvider?: OperonTokenProvider | OperonTokenProviderRef;
  /** `false` silences the module; a `LoggerService` replaces Nest's logger. */
  logger?: LoggerService | false;
  /**
   * Fetch a token at bootstrap so bad credentials fail the boot.
   * @default false
   */
  eagerInit?: boolean;
  /** DID resolver base URL. @default 'https://did.operon.cloud' */
  didResolverUrl?: string;
  /**
   * How `OperonSignatureGuard` and `SignatureService` verify.
   * @default 'remote'
   */
  verification?: OperonVerificationMode;
  /**
   * Time a resolved DID document stays cached (local verification); `0`
   * turns caching off. A rotated key can be accepted until then.
   * @default 300000
   */
  didCacheTtlMs?: number;
  /** Sender DIDs the signature guard accepts; empty or unset accepts any. */
  allowedSenderDids?: string[];
  /** Longest time a validated session stays cached. @default 60000 */
  sessionCacheTtlMs?: number;
  /** Most sessions kept in the session guard's cache. @default 10000 */
  sessionCacheMaxEntries?: number;
  /** Cookie the session guard reads when there is no bearer header. */
  sessionCookieName?: string;
  /** Require the PAT's workstream to equal this one (session guard). */
  requiredWorkstreamId?: string;
  /**
   * Retry policy of idempotent calls; `false` turns retries off.
   * @default { retries: 2, minDelayMs: 100, maxDelayMs: 2000 }
   */
  retry?: OperonRetryOptions | false;
  /** Most sockets kept open to one host. @default 64 */
  maxSockets?: number;
}

/**
 * A token provider given as something the container can resolve.
 * @publicApi
 */
export type OperonTokenProviderRef =
  (abstract new (...args: never[]) => OperonTokenProvider) | string | symbol;
