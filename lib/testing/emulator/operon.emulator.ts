import type { JsonWebKey } from 'node:crypto';
import type { OperonModuleOptions } from '../../options/operon-module-options.interface.js';
import type {
  OperonEmulatorClaims,
  OperonEmulatorTokenCheck,
} from './crypto/token.issuer.js';
import {
  isValidLifetime,
  type OperonEmulatorCredentials,
  type OperonEmulatorOptions,
  type OperonEmulatorPatOptions,
  type OperonEmulatorSignature,
  type OperonEmulatorSignInput,
} from './emulator.options.js';
import {
  emulatorUrls,
  signAs,
  startRuntime,
  type EmulatorRuntime,
} from './emulator.runtime.js';
import type { OperonEmulatorFaults } from './http/fault.types.js';
import type { OperonEmulatorRequestRecord } from './http/request.log.js';
import { appClaims } from './realm/app-claims.util.js';
import type {
  OperonEmulatorApp,
  OperonEmulatorAppInput,
  OperonEmulatorInteraction,
  OperonEmulatorInteractionInput,
  OperonEmulatorParticipant,
  OperonEmulatorParticipantInput,
  OperonEmulatorRealm,
  OperonEmulatorWorkstream,
  OperonEmulatorWorkstreamInput,
} from './realm/realm.types.js';
import type { OperonEmulatorTransaction } from './realm/transaction.store.js';

/**
 * A local Operon.Cloud: a real HTTP server implementing the client API,
 * the token endpoint and the DID resolver (PROTOCOL E1–E12), with a seeded
 * realm, real crypto, request recording and fault injection.
 *
 * @example
 * const emu = await OperonEmulator.start();
 * OperonModule.forRoot(emu.moduleOptions());
 * await emu.stop();
 * @publicApi
 */
export class OperonEmulator {
  /** Port the server is bound to. */
  readonly port: number;
  /** Client API base, e.g. `http://127.0.0.1:PORT/client-api`. */
  readonly baseUrl: string;
  /** Standard (form + Basic) token URL. */
  readonly tokenUrl: string;
  /** Legacy JSON token URL (contains `/v1/session/m2m`). */
  readonly legacyTokenUrl: string;
  /** DID resolver base; documents live at `/1.0/identifiers/{did}`. */
  readonly didResolverUrl: string;
  /** Session heartbeat URL. */
  readonly heartbeatUrl: string;
  /** Fault injection per route. */
  readonly faults: OperonEmulatorFaults;

  private stopped?: Promise<void>;

  private constructor(private readonly runtime: EmulatorRuntime) {
    const urls = emulatorUrls(runtime.host, runtime.port);
    this.port = runtime.port;
    this.baseUrl = urls.baseUrl;
    this.tokenUrl = urls.tokenUrl;
    this.legacyTokenUrl = urls.legacyTokenUrl;
    this.didResolverUrl = urls.didResolverUrl;
    this.heartbeatUrl = urls.heartbeatUrl;
    this.faults = runtime.faults;
  }

  /**
   * Seeds the default realm and starts listening.
   * @throws {TypeError} for invalid options.
   */
  static async start(
    options: OperonEmulatorOptions = {},
  ): Promise<OperonEmulator> {
    return new OperonEmulator(await startRuntime(options));
  }

  /** Client credentials of the default app. */
  get credentials(): OperonEmulatorCredentials {
    const { clientId, clientSecret } = this.runtime.ctx.realm.defaultApp;

    return { clientId, clientSecret };
  }

  /** Read access to workstreams, participants, interactions and apps. */
  get realm(): OperonEmulatorRealm {
    return this.runtime.ctx.realm;
  }

  /** Whether submit and verify check signatures. */
  get signatureChecks(): boolean {
    return this.runtime.ctx.settings.verifySignatures;
  }

  /** The public key that signs every access token (EdDSA JWK). */
  get tokenSigningKey(): JsonWebKey {
    return this.runtime.ctx.tokens.publicJwk;
  }

  /**
   * Options for `OperonModule.forRoot()` pointing at this emulator. With a
   * `tokenProvider` override the client credentials are left out, as the
   * two are exclusive.
   */
  moduleOptions(overrides: OperonModuleOptions = {}): OperonModuleOptions {
    const credentials =
      overrides.tokenProvider === undefined ? this.credentials : {};

    return {
      baseUrl: this.baseUrl,
      tokenUrl: this.tokenUrl,
      didResolverUrl: this.didResolverUrl,
      ...credentials,
      ...overrides,
    };
  }

  /**
   * Issues a token signed by the emulator with the claims of an app (the
   * default one unless `opts.appId` names another). Claims given here win;
   * a claim set to `undefined` is left out.
   * @throws {Error} when `opts.appId` names no app.
   */
  issuePat(
    claims: Partial<OperonEmulatorClaims> = {},
    opts: OperonEmulatorPatOptions = {},
  ): string {
    const { realm, tokens, settings } = this.runtime.ctx;
    const app = realm.findApp(opts.appId ?? realm.defaultAppId);
    if (app === undefined) {
      throw new Error(`OperonEmulator: unknown app ${opts.appId}`);
    }
    const lifetime =
      opts.lifetimeSeconds ??
      app.tokenLifetimeSeconds ??
      settings.tokenLifetimeSeconds;

    return tokens.issue({ ...appClaims(realm, app), ...claims }, lifetime);
  }

  /** Revokes a token: later uses get 401 `SESSION_EXPIRED`. */
  revoke(token: string): void {
    this.runtime.ctx.tokens.revoke(token);
  }

  /** Checks a token as the bearer endpoints do. */
  verifyToken(token: string): OperonEmulatorTokenCheck {
    return this.runtime.ctx.tokens.verify(token);
  }

  /**
   * Signs a payload hash as participant `signer` would through the
   * self-sign endpoint, for tests that bring their own signature.
   * @throws {Error} for an unknown signer.
   */
  signHash(input: OperonEmulatorSignInput): OperonEmulatorSignature {
    return signAs(this.runtime.ctx.realm, input);
  }

  /** Turns signature checking on or off (off for benchmarks). */
  setSignatureChecks(on: boolean): void {
    this.runtime.ctx.settings.verifySignatures = on;
  }

  /**
   * Changes the lifetime of tokens issued from now on.
   * @throws {TypeError} unless a positive integer.
   */
  setTokenLifetime(seconds: number): void {
    if (!isValidLifetime(seconds)) {
      throw new TypeError(
        'OperonEmulator: lifetime must be a positive integer',
      );
    }
    this.runtime.ctx.settings.tokenLifetimeSeconds = seconds;
  }

  /** Adds a workstream (default states unless given). */
  addWorkstream(
    input: OperonEmulatorWorkstreamInput = {},
  ): OperonEmulatorWorkstream {
    return this.runtime.ctx.realm.addWorkstream(input);
  }

  /** Adds a participant with new Ed25519, P-256 and secp256k1 keys. */
  addParticipant(
    input: OperonEmulatorParticipantInput = {},
  ): OperonEmulatorParticipant {
    return this.runtime.ctx.realm.addParticipant(input);
  }

  /** Adds an interaction between two participants of one workstream. */
  addInteraction(
    input: OperonEmulatorInteractionInput,
  ): OperonEmulatorInteraction {
    return this.runtime.ctx.realm.addInteraction(input);
  }

  /** Adds an M2M app; its credentials work at both token URLs. */
  addApp(input: OperonEmulatorAppInput): OperonEmulatorApp {
    return this.runtime.ctx.realm.addApp(input);
  }

  /** Copies of the stored transactions, oldest first. */
  transactions(): OperonEmulatorTransaction[] {
    return this.runtime.ctx.transactions.list();
  }

  /** Forgets stored transactions (and so their correlation IDs). */
  clearTransactions(): void {
    this.runtime.ctx.transactions.clear();
  }

  /** Copies of the recorded requests, oldest first. */
  requests(): OperonEmulatorRequestRecord[] {
    return this.runtime.log.list();
  }

  /** Forgets recorded requests. */
  clearRequests(): void {
    this.runtime.log.clear();
  }

  /** Closes the server and every connection; safe to call twice. */
  stop(): Promise<void> {
    this.runtime.faults.clear();
    this.stopped ??= this.runtime.server.close();

    return this.stopped;
  }
}
