import type { LoggerService } from '@nestjs/common';
import { OperonConfigurationError } from '../errors/operon-configuration.error.js';
import { canonicalAlgorithm } from '../utils/signing-algorithm.util.js';
import {
  DEFAULT_BASE_URL,
  DEFAULT_DID_RESOLVER_URL,
  DEFAULT_HEARTBEAT_TIMEOUT_MS,
  DEFAULT_HTTP_TIMEOUT_MS,
  DEFAULT_TOKEN_LEEWAY_MS,
  DEFAULT_TOKEN_URL,
} from '../operon.constants.js';
import type { OperonModuleOptions } from './operon-module-options.interface.js';
import { optionsMessages as msg } from './operon-options.messages.js';
import {
  type RawOptions,
  readBoolean,
  readList,
  readNonNegative,
  readNumber,
  readPositive,
  readString,
  readUrl,
} from './option-readers.util.js';
import type {
  ResolvedHeartbeat,
  ResolvedOperonOptions,
  ResolvedRetry,
} from './resolved-options.interface.js';

/**
 * Validates module options and applies every default (PROTOCOL §1.2,
 * §13.1). Runs when `forRoot()` is called and again when the async factory
 * resolves, so a bad configuration fails the boot, not the first request.
 * @throws {OperonConfigurationError | TypeError} naming the option and fix.
 * @internal
 */
export function resolveOperonOptions(
  options: OperonModuleOptions | undefined,
): ResolvedOperonOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      msg.notObject(options === null ? 'null' : typeof options),
    );
  }
  const raw = options as RawOptions;
  const baseUrl = readUrl(raw, 'baseUrl', DEFAULT_BASE_URL);
  const tokenUrl = readUrl(raw, 'tokenUrl', DEFAULT_TOKEN_URL);

  return {
    ...readCredentials(raw),
    baseUrl,
    tokenUrl,
    legacyTokenRequest: tokenUrl.includes('/v1/session/m2m'),
    scope: readString(raw, 'scope'),
    audience: readList(raw, 'audience'),
    httpTimeoutMs: readPositive(raw, 'httpTimeoutMs', DEFAULT_HTTP_TIMEOUT_MS),
    tokenLeewayMs: readLeeway(raw),
    selfSign: !readBoolean(raw, 'disableSelfSign', false),
    signingAlgorithm: readAlgorithm(raw),
    heartbeat: readHeartbeat(raw, baseUrl),
    logger: readLogger(raw),
    eagerInit: readBoolean(raw, 'eagerInit', false),
    didResolverUrl: readUrl(raw, 'didResolverUrl', DEFAULT_DID_RESOLVER_URL),
    verification: readVerification(raw),
    didCacheTtlMs: readNonNegative(raw, 'didCacheTtlMs', 300_000),
    allowedSenderDids: readList(raw, 'allowedSenderDids'),
    sessionCacheTtlMs: readNonNegative(raw, 'sessionCacheTtlMs', 60_000),
    sessionCacheMaxEntries: readNonNegative(
      raw,
      'sessionCacheMaxEntries',
      10_000,
    ),
    sessionCookieName: readString(raw, 'sessionCookieName'),
    requiredWorkstreamId: readString(raw, 'requiredWorkstreamId'),
    retry: readRetry(raw),
    maxSockets: readPositive(raw, 'maxSockets', 64),
  };
}

function readCredentials(
  raw: RawOptions,
): Pick<ResolvedOperonOptions, 'clientId' | 'clientSecret' | 'tokenProvider'> {
  const clientId = readString(raw, 'clientId');
  const clientSecret = readString(raw, 'clientSecret');
  const provider = raw.tokenProvider;
  if (provider === undefined || provider === null) {
    if (!clientId) {
      throw new OperonConfigurationError(msg.missingCredential('clientId'));
    }
    if (!clientSecret) {
      throw new OperonConfigurationError(msg.missingCredential('clientSecret'));
    }
    return { clientId, clientSecret };
  }
  if (clientId || clientSecret) {
    throw new OperonConfigurationError(msg.providerWithCredentials());
  }
  const usable =
    typeof provider === 'function' ||
    typeof provider === 'string' ||
    typeof provider === 'symbol' ||
    (typeof provider === 'object' &&
      typeof (provider as { getToken?: unknown }).getToken === 'function');
  if (!usable) throw new TypeError(msg.badProvider());
  return {
    tokenProvider: provider as ResolvedOperonOptions['tokenProvider'],
  };
}

function readLeeway(raw: RawOptions): number {
  // Non-positive leeways fall back to the default in every SDK (§1.2).
  const value = readNumber(raw, 'tokenLeewayMs', DEFAULT_TOKEN_LEEWAY_MS);
  return value > 0 ? value : DEFAULT_TOKEN_LEEWAY_MS;
}

function readAlgorithm(
  raw: RawOptions,
): ResolvedOperonOptions['signingAlgorithm'] {
  const value = readString(raw, 'signingAlgorithm');
  if (!value) return 'EdDSA';
  const algorithm = canonicalAlgorithm(value);
  if (!algorithm) {
    throw new OperonConfigurationError(msg.unsupportedAlgorithm(value));
  }
  return algorithm;
}

function readHeartbeat(
  raw: RawOptions,
  baseUrl: string,
): ResolvedHeartbeat | undefined {
  const intervalMs = readNonNegative(raw, 'sessionHeartbeatIntervalMs', 0);
  if (intervalMs === 0) return undefined;
  return {
    intervalMs,
    timeoutMs: readPositive(
      raw,
      'sessionHeartbeatTimeoutMs',
      DEFAULT_HEARTBEAT_TIMEOUT_MS,
    ),
    url: readUrl(raw, 'sessionHeartbeatUrl', `${baseUrl}/v1/session/heartbeat`),
  };
}

function readLogger(raw: RawOptions): LoggerService | false | undefined {
  const logger = raw.logger;
  if (logger === undefined || logger === null) return undefined;
  if (logger === false) return false;
  const methods = ['log', 'error', 'warn'] as const;
  if (
    typeof logger !== 'object' ||
    methods.some((m) => typeof (logger as never)[m] !== 'function')
  ) {
    throw new TypeError(msg.badLogger());
  }
  return logger as LoggerService;
}

function readVerification(
  raw: RawOptions,
): ResolvedOperonOptions['verification'] {
  const value = readString(raw, 'verification') ?? 'remote';
  if (value !== 'remote' && value !== 'local') {
    throw new OperonConfigurationError(msg.badVerification(value));
  }
  return value;
}

function readRetry(raw: RawOptions): ResolvedRetry | false {
  if (raw.retry === false) return false;
  const retry = (raw.retry ?? {}) as RawOptions;
  if (typeof retry !== 'object' || Array.isArray(retry)) {
    throw new TypeError(msg.badRetry());
  }
  // Flattened keys make the messages name the full option path.
  const nested: RawOptions = {
    'retry.retries': retry.retries,
    'retry.minDelayMs': retry.minDelayMs,
    'retry.maxDelayMs': retry.maxDelayMs,
  };
  // Defaults 2 / 100 ms / 2 s: the reasoning is on `OperonRetryOptions`.
  const minDelayMs = readNonNegative(nested, 'retry.minDelayMs', 100);
  return {
    retries: Math.floor(readNonNegative(nested, 'retry.retries', 2)),
    minDelayMs,
    maxDelayMs: Math.max(
      minDelayMs,
      readNonNegative(nested, 'retry.maxDelayMs', 2000),
    ),
  };
}
