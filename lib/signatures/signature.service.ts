import { Inject, Injectable } from '@nestjs/common';
import { OperonAuthService } from '../auth/operon-auth.service.js';
import { DidResolverService } from '../dids/did-resolver.service.js';
import { verifyHeadersLocally } from '../dids/local-verification.util.js';
import { OperonValidationError } from '../errors/operon-validation.error.js';
import { OperonHttpClient } from '../http/operon-http.client.js';
import { OPERON_RESOLVED_OPTIONS } from '../operon.constants.js';
import type { SigningAlgorithm } from '../options/operon-module-options.interface.js';
import type { ResolvedOperonOptions } from '../options/resolved-options.interface.js';
import { hashPayload } from '../utils/payload.util.js';
import { canonicalAlgorithm } from '../utils/signing-algorithm.util.js';
import {
  requestSignature,
  requestVerification,
} from './operon-did-requests.util.js';
import {
  checkIncomingSignature,
  validateSignature,
  type VerifySender,
} from './signature-checks.util.js';
import { buildSignatureHeaders } from './signature-headers.util.js';
import { signatureBytes } from './signature-payload.util.js';
import type {
  OperonHeaderInput,
  OperonSignatureCheck,
  OperonSignatureHeaders,
  OperonSignaturePayload,
  OperonSignatureVerification,
} from './signature.interface.js';

/**
 * Signs outgoing payloads with the participant's platform-held key and
 * verifies the `X-Operon-*` headers of incoming ones (PROTOCOL §5): through
 * Operon's verify endpoint by default, or in-process against the sender's
 * DID document with `verification: 'local'`.
 * @publicApi
 */
@Injectable()
export class SignatureService {
  private readonly verify: VerifySender;

  constructor(
    @Inject(OPERON_RESOLVED_OPTIONS)
    private readonly options: ResolvedOperonOptions,
    @Inject(OperonAuthService) private readonly auth: OperonAuthService,
    @Inject(OperonHttpClient) private readonly http: OperonHttpClient,
    @Inject(DidResolverService) private readonly dids: DidResolverService,
  ) {
    this.verify =
      options.verification === 'local'
        ? (_bytes, headers, hash) =>
            verifyHeadersLocally(headers, hash, (did) => this.dids.resolve(did))
        : (bytes, headers) => this.sendVerification(bytes, headers);
  }

  /**
   * Signs the payload and returns the five headers to send with it. The
   * local checks (algorithm, self signing, participant DID) all run before
   * the signing request.
   * @param algorithm matched case-insensitively; defaults to the module's.
   * @throws {OperonValidationError | OperonApiError | OperonTransportError
   *   | OperonDecodeError}
   */
  async generateSignatureHeaders(
    payload: OperonSignaturePayload,
    algorithm?: SigningAlgorithm | string,
  ): Promise<OperonSignatureHeaders> {
    const wanted = this.algorithmFor(algorithm);
    const payloadHash = hashPayload(signatureBytes(payload));
    if (!this.options.selfSign) {
      throw new OperonValidationError(
        'automatic signing disabled: enable self signing to generate headers',
      );
    }
    const token = await this.auth.getToken();
    const did = token.claims.participantDid;
    if (!did) {
      throw new OperonValidationError(
        'participant DID unavailable on access token',
      );
    }
    const answer = await requestSignature(
      this.http,
      this.options.baseUrl,
      token.accessToken,
      payloadHash,
      wanted,
    );
    return buildSignatureHeaders(did, payloadHash, answer, wanted);
  }

  /**
   * Checks the headers (presence, payload hash ignoring case) and then the
   * signature: remotely, with the module's token, returning Operon's
   * `status` as is like the reference SDK does; or, in local mode, against
   * the sender's DID document, returning `status: 'VALID'` or throwing.
   * @throws {OperonValidationError | OperonApiError | OperonTransportError
   *   | OperonDecodeError | OperonDidError}
   */
  validateSignatureHeaders(
    payload: OperonSignaturePayload,
    headers: OperonHeaderInput,
  ): Promise<OperonSignatureVerification> {
    return validateSignature(payload, headers, this.verify);
  }

  /**
   * The check `OperonSignatureGuard` runs on an incoming request: stricter
   * than {@link validateSignatureHeaders} (exact hash, size and format
   * limits, `VALID` status required), and it reports an outcome instead of
   * throwing for bad input. The guard calls nothing else, so another
   * verification strategy plugs in here.
   */
  async verifyIncoming(
    rawBody: Uint8Array,
    headers: OperonHeaderInput,
  ): Promise<OperonSignatureCheck> {
    return checkIncomingSignature(
      signatureBytes(rawBody),
      headers,
      this.verify,
    );
  }

  private async sendVerification(
    bytes: Buffer,
    headers: OperonSignatureHeaders,
  ): Promise<OperonSignatureVerification> {
    const token = await this.auth.getToken();
    return requestVerification(
      this.http,
      this.options.baseUrl,
      token.accessToken,
      bytes,
      headers,
    );
  }

  private algorithmFor(value: string | undefined): SigningAlgorithm {
    if (!value?.trim()) return this.options.signingAlgorithm;
    const algorithm = canonicalAlgorithm(value);
    if (!algorithm) {
      throw new OperonValidationError(`unsupported signing algorithm ${value}`);
    }
    return algorithm;
  }
}
