import {
  Inject,
  Injectable,
  type OnModuleInit,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { OperonDecodeError } from '../errors/operon-decode.error.js';
import { OperonHttpClient } from '../http/operon-http.client.js';
import { OPERON_RESOLVED_OPTIONS } from '../operon.constants.js';
import type { ResolvedOperonOptions } from '../options/resolved-options.interface.js';
import { clean } from '../utils/strings.util.js';
import { decodeTokenClaims, mergeClaims } from './claims.util.js';
import type {
  OperonAccessToken,
  OperonTokenClaims,
} from './operon-claims.interface.js';
import { normaliseProviderToken } from './provider-token.util.js';
import { buildTokenRequest } from './token-request.util.js';
import type { OperonTokenProvider } from './token-provider.interface.js';

const DEFAULT_LIFETIME_S = 60;

/**
 * Owns the access token. With client credentials it caches the token and
 * reuses it while more than `tokenLeewayMs` is left; concurrent callers on
 * a cold or expiring cache share one token request, and a failed request is
 * tried again by the next caller. With a `tokenProvider` every call asks
 * the provider (the provider owns caching).
 * @publicApi
 */
@Injectable()
export class OperonAuthService implements OnModuleInit {
  private cached?: OperonAccessToken;
  private cachedUntil = 0;
  private inflight?: Promise<OperonAccessToken>;
  private generation = 0;
  private knownClaims: OperonTokenClaims = {};
  private provider?: Promise<OperonTokenProvider>;

  constructor(
    @Inject(OPERON_RESOLVED_OPTIONS)
    private readonly options: ResolvedOperonOptions,
    @Inject(OperonHttpClient) private readonly http: OperonHttpClient,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  /** Resolves a class or token given as `tokenProvider` once at startup. */
  async onModuleInit(): Promise<void> {
    if (this.options.tokenProvider) await this.resolveProvider();
  }

  /**
   * Claims of the tokens obtained so far, newest non-blank value first.
   * Empty until the first token.
   */
  get claims(): OperonTokenClaims {
    return structuredClone(this.knownClaims);
  }

  /**
   * A usable access token with its claims.
   * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
   */
  async getToken(): Promise<OperonAccessToken> {
    if (this.options.tokenProvider) {
      const provider = await this.resolveProvider();
      return this.remember(normaliseProviderToken(await provider.getToken()));
    }
    if (
      this.cached &&
      this.cachedUntil - Date.now() > this.options.tokenLeewayMs
    ) {
      return this.cached;
    }
    return this.fetchShared();
  }

  /**
   * Fetches a new token whatever the cache holds (the heartbeat does this
   * after a 401). A provider's `forceRefresh()` is used when it has one.
   */
  async forceRefresh(): Promise<OperonAccessToken> {
    if (this.options.tokenProvider) {
      const provider = await this.resolveProvider();
      const record = provider.forceRefresh
        ? await provider.forceRefresh()
        : await provider.getToken();
      return this.remember(normaliseProviderToken(record));
    }
    return this.fetchShared();
  }

  /** Drops the cached token; the next call fetches a new one. */
  clear(): void {
    this.cached = undefined;
    this.cachedUntil = 0;
    this.generation++;
  }

  private fetchShared(): Promise<OperonAccessToken> {
    this.inflight ??= this.fetchToken().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async fetchToken(): Promise<OperonAccessToken> {
    const generation = this.generation;
    const res = await this.http.send<Record<string, unknown>>(
      buildTokenRequest(this.options),
    );
    const body = res.data;
    const accessToken =
      body && typeof body === 'object' ? clean(body.access_token) : undefined;
    if (!accessToken) {
      throw new OperonDecodeError(
        'token response missing access_token',
        res.status,
      );
    }
    const lifetime = expiresInSeconds(body.expires_in);
    const expiresAt = new Date(Date.now() + lifetime * 1000);
    const token = this.remember({
      accessToken,
      expiresAt,
      claims: decodeTokenClaims(accessToken),
    });
    if (generation === this.generation) {
      this.cached = token;
      this.cachedUntil = expiresAt.getTime();
    }
    return token;
  }

  private remember(token: OperonAccessToken): OperonAccessToken {
    this.knownClaims = mergeClaims(this.knownClaims, token.claims);
    return token;
  }

  private resolveProvider(): Promise<OperonTokenProvider> {
    this.provider ??= this.lookUpProvider().catch((error: unknown) => {
      this.provider = undefined;
      throw error;
    });
    return this.provider;
  }

  private async lookUpProvider(): Promise<OperonTokenProvider> {
    const ref = this.options.tokenProvider!;
    if (typeof ref === 'object') return ref;
    try {
      return this.moduleRef.get(ref, { strict: false });
    } catch (error) {
      // A class nobody registered is still usable: build it here.
      if (typeof ref !== 'function') throw error;
      return this.moduleRef.create(ref as Type<OperonTokenProvider>);
    }
  }
}

/** `expires_in` in seconds; missing, non-numeric or ≤ 0 → 60 s (Go). */
function expiresInSeconds(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0
    ? value
    : DEFAULT_LIFETIME_S;
}
