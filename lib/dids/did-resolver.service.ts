import { Inject, Injectable } from '@nestjs/common';
import { OperonApiError } from '../errors/operon-api.error.js';
import { OperonDecodeError } from '../errors/operon-decode.error.js';
import { OperonError } from '../errors/operon.error.js';
import { OperonHttpClient } from '../http/operon-http.client.js';
import { OPERON_RESOLVED_OPTIONS } from '../operon.constants.js';
import type { ResolvedOperonOptions } from '../options/resolved-options.interface.js';
import { DidDocumentCache } from './did-document.cache.js';
import type {
  OperonDidDocument,
  OperonVerifiedJws,
} from './did-document.interface.js';
import { parseDidDocument } from './did-document.util.js';
import { verifyJws } from './jws.util.js';
import { OperonDidError, type OperonDidErrorKind } from './operon-did.error.js';

/**
 * The only DID method the resolver serves (PROTOCOL §3.12).
 * @publicApi
 */
export const OPERON_DID_PREFIX = 'did:operon:';

const ACCEPT_DID_JSON = { Accept: 'application/did+json' };

/**
 * Resolves `did:operon:` identifiers through the DID resolver (PROTOCOL
 * E12, no authentication) and keeps the documents for `didCacheTtlMs`, at
 * most 1,000 of them. Used by local signature verification.
 * @publicApi
 */
@Injectable()
export class DidResolverService {
  private readonly cache: DidDocumentCache;

  constructor(
    @Inject(OPERON_RESOLVED_OPTIONS)
    private readonly options: ResolvedOperonOptions,
    @Inject(OperonHttpClient) private readonly http: OperonHttpClient,
  ) {
    this.cache = new DidDocumentCache(options.didCacheTtlMs);
  }

  /**
   * The DID document of `did`, from the cache when fresh. Concurrent calls
   * for one DID share one request; failures are not cached.
   * @throws {OperonDidError} `unsupported_method`, `invalid_did`,
   *   `not_found`, `upstream_error` or `decode_error`.
   */
  resolve(did: string): Promise<OperonDidDocument> {
    // The prefix is checked before trimming, as the reference SDK does.
    if (typeof did !== 'string' || !did.startsWith(OPERON_DID_PREFIX)) {
      return Promise.reject(
        new OperonDidError({
          kind: 'unsupported_method',
          source: 'resolver',
          detail: 'only did:operon: identifiers can be resolved',
        }),
      );
    }
    return this.cache.get(did.trim(), (id) => this.fetch(id));
  }

  /**
   * Verifies a compact JWS against `did`'s document (resolved) or against
   * the document given.
   * @throws {OperonDidError}
   */
  async verifyJws(
    jws: string,
    didOrDocument: string | OperonDidDocument,
  ): Promise<OperonVerifiedJws> {
    const document =
      typeof didOrDocument === 'string'
        ? await this.resolve(didOrDocument)
        : didOrDocument;
    return verifyJws(jws, document);
  }

  /**
   * Forgets one cached document, or all of them, e.g. after a key rotation
   * the application learnt about.
   */
  forget(did?: string): void {
    this.cache.forget(did?.trim());
  }

  private async fetch(did: string): Promise<OperonDidDocument> {
    // `:` stays literal (§3.12); anything that could leave the path
    // segment (`/`, `?`, `#`, `%`) is escaped.
    const escaped = encodeURIComponent(did).replace(/%3A/gi, ':');
    let data: unknown;
    try {
      const res = await this.http.send<unknown>({
        method: 'GET',
        url: `${this.options.didResolverUrl}/1.0/identifiers/${escaped}`,
        headers: ACCEPT_DID_JSON,
        idempotent: true,
      });
      data = res.data;
    } catch (error) {
      throw resolverError(error, did);
    }
    return parseDidDocument(data, did);
  }
}

function resolverError(error: unknown, did: string): unknown {
  if (!(error instanceof OperonError)) return error;
  const status = error instanceof OperonApiError ? error.status : undefined;
  const fail = (kind: OperonDidErrorKind, detail: string) =>
    new OperonDidError({
      kind,
      source: 'resolver',
      detail,
      did,
      status,
      cause: error,
    });
  if (error instanceof OperonDecodeError) {
    return fail('decode_error', `DID resolver answer for ${did} is not JSON`);
  }
  if (status === 404) return fail('not_found', `DID ${did} not found`);
  if (status === 400) return fail('invalid_did', `DID ${did} is invalid`);
  return fail('upstream_error', `DID resolver failed: ${error.message}`);
}
