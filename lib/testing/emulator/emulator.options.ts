import type { SigningAlgorithm } from './crypto/participant-keys.util.js';
import { OPERON_EMULATOR_DEFAULTS } from './realm/realm.defaults.js';

/**
 * Options of `OperonEmulator.start()`.
 * @publicApi
 */
export interface OperonEmulatorOptions {
  /** Port to listen on; `0` picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Lifetime of tokens from the token endpoint. @default 3600 */
  tokenLifetimeSeconds?: number;
  /**
   * Check signatures on submit and verify; `false` for benchmarks.
   * @default true
   */
  verifySignatures?: boolean;
  /** Client ID of the default app. @default 'm2mc-emulator' */
  clientId?: string;
  /** Client secret of the default app. @default 'emulator-secret' */
  clientSecret?: string;
  /** Largest accepted request body; larger ones get 413. @default 5242880 */
  maxBodyBytes?: number;
  /** Most requests kept by `requests()`; `0` keeps none. @default 10000 */
  requestLogLimit?: number;
}

/**
 * Client credentials of an emulator app.
 * @publicApi
 */
export interface OperonEmulatorCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * Options of `issuePat()`.
 * @publicApi
 */
export interface OperonEmulatorPatOptions {
  /**
   * Token lifetime; zero or negative yields an expired token.
   * @default the app's, else the emulator's
   */
  lifetimeSeconds?: number;
  /**
   * The app (app ID or client ID) whose claims the token carries.
   * @default the default app
   */
  appId?: string;
}

/**
 * A signature as the self-sign endpoint returns it.
 * @publicApi
 */
export interface OperonEmulatorSignature {
  algorithm: SigningAlgorithm;
  value: string;
  keyId: string;
}

/**
 * Input of `signHash()`: who signs (participant ID or DID), what and how.
 * @publicApi
 */
export interface OperonEmulatorSignInput {
  signer: string;
  payloadHash: string;
  /** @default 'EdDSA' */
  algorithm?: SigningAlgorithm;
}

/**
 * Options after defaults.
 * @internal
 */
export type ResolvedEmulatorOptions = Required<OperonEmulatorOptions>;

function check(ok: boolean, message: string): void {
  if (!ok) {
    throw new TypeError(`OperonEmulator: ${message}`);
  }
}

/**
 * Whether a token lifetime is a positive whole number of seconds.
 * @internal
 */
export function isValidLifetime(seconds: unknown): seconds is number {
  return Number.isSafeInteger(seconds) && (seconds as number) > 0;
}

/**
 * Applies defaults and rejects unusable values early.
 * @throws {TypeError} for an invalid option.
 * @internal
 */
export function resolveOptions(
  options: OperonEmulatorOptions,
): ResolvedEmulatorOptions {
  const resolved: ResolvedEmulatorOptions = {
    port: 0,
    host: '127.0.0.1',
    tokenLifetimeSeconds: 3600,
    verifySignatures: true,
    clientId: OPERON_EMULATOR_DEFAULTS.clientId,
    clientSecret: OPERON_EMULATOR_DEFAULTS.clientSecret,
    maxBodyBytes: 5 * 1024 * 1024,
    requestLogLimit: 10_000,
    ...Object.fromEntries(
      Object.entries(options).filter(([, value]) => value !== undefined),
    ),
  };
  const { port, maxBodyBytes, requestLogLimit } = resolved;
  check(
    Number.isInteger(port) && port >= 0 && port <= 65535,
    'port must be an integer from 0 to 65535',
  );
  check(
    isValidLifetime(resolved.tokenLifetimeSeconds),
    'tokenLifetimeSeconds must be a positive integer',
  );
  check(
    Number.isSafeInteger(maxBodyBytes) && maxBodyBytes > 0,
    'maxBodyBytes must be a positive integer',
  );
  check(
    Number.isSafeInteger(requestLogLimit) && requestLogLimit >= 0,
    'requestLogLimit must be a non-negative integer',
  );
  check(resolved.clientId.trim() !== '', 'clientId must not be blank');
  check(resolved.clientSecret !== '', 'clientSecret must not be empty');

  return resolved;
}
