import type { LoggerService } from '@nestjs/common';
import type { OperonTokenProvider } from '../auth/token-provider.interface.js';
import type {
  OperonTokenProviderRef,
  OperonVerificationMode,
  SigningAlgorithm,
} from './operon-module-options.interface.js';

/**
 * Heartbeat settings once validated; absent when the heartbeat is off.
 * @internal
 */
export interface ResolvedHeartbeat {
  intervalMs: number;
  timeoutMs: number;
  url: string;
}

/**
 * Retry settings once validated.
 * @internal
 */
export interface ResolvedRetry {
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
}

/**
 * The module options validated, trimmed and with every default applied.
 * @internal
 */
export interface ResolvedOperonOptions {
  clientId?: string;
  clientSecret?: string;
  baseUrl: string;
  tokenUrl: string;
  /** True when the token URL selects the legacy JSON request. */
  legacyTokenRequest: boolean;
  scope?: string;
  audience: string[];
  httpTimeoutMs: number;
  tokenLeewayMs: number;
  selfSign: boolean;
  signingAlgorithm: SigningAlgorithm;
  heartbeat?: ResolvedHeartbeat;
  tokenProvider?: OperonTokenProvider | OperonTokenProviderRef;
  logger?: LoggerService | false;
  eagerInit: boolean;
  didResolverUrl: string;
  verification: OperonVerificationMode;
  didCacheTtlMs: number;
  allowedSenderDids: string[];
  sessionCacheTtlMs: number;
  sessionCacheMaxEntries: number;
  sessionCookieName?: string;
  requiredWorkstreamId?: string;
  retry: ResolvedRetry | false;
  maxSockets: number;
}
