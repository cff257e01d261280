import { Inject, Injectable } from '@nestjs/common';
import { decodeTokenClaims } from '../auth/claims.util.js';
import { OperonValidationError } from '../errors/operon-validation.error.js';
import { OperonHttpClient } from '../http/operon-http.client.js';
import { OPERON_RESOLVED_OPTIONS } from '../operon.constants.js';
import type { SigningAlgorithm } from '../options/operon-module-options.interface.js';
import type { ResolvedOperonOptions } from '../options/resolved-options.interface.js';
import { requestVerification } from '../signatures/operon-did-requests.util.js';
import { validateSignature } from '../signatures/signature-checks.util.js';
import type {
  OperonHeaderInput,
  OperonSignaturePayload,
  OperonSignatureVerification,
} from '../signatures/signature.interface.js';
import { requestSelfSignature } from '../transactions/self-sign.util.js';
import type { Signature } from '../transactions/signature.interface.js';
import type { TransactionRequest } from '../transactions/draft/transaction-request.interface.js';
import type { Transaction } from '../transactions/transaction.interface.js';
import { checkPayloadHash } from '../utils/payload.util.js';
import {
  canonicalAlgorithm,
  defaultKeyId,
} from '../utils/signing-algorithm.util.js';
import type { Workstream } from '../workstreams/workstream.interface.js';
import type {
  WorkstreamInteractionsResponse,
  WorkstreamParticipantsResponse,
} from '../workstreams/workstream-catalogue.interface.js';
import {
  readWorkstreamInteractions,
  readWorkstreamParticipants,
} from '../workstreams/workstream-catalogue.mapper.js';
import { readWorkstream } from '../workstreams/workstream.mapper.js';
import { workstreamUrl } from '../workstreams/workstream-url.util.js';
import { submitWithPat } from './pat-transaction.util.js';
import { getWithPat, requirePat } from './pat.util.js';
import type { SessionInfo } from './session-info.interface.js';
import { readSessionInfo } from './session-info.util.js';

/**
 * Calls Operon on behalf of a user who holds a PAT (PROTOCOL §6): every
 * call carries `Authorization: Bearer <pat>`, uses the module's HTTP layer
 * and base URL, and never touches the token endpoint. Stateless: nothing
 * is cached between calls.
 * @publicApi
 */
@Injectable()
export class PatService {
  constructor(
    @Inject(OPERON_RESOLVED_OPTIONS)
    private readonly options: ResolvedOperonOptions,
    @Inject(OperonHttpClient) private readonly http: OperonHttpClient,
  ) {}

  /**
   * Has Operon sign a payload hash with the PAT participant's key. A
   * missing key ID defaults to the PAT's `participant_did` + `#keys-1`.
   * @throws {OperonValidationError} "pat is required", "payload hash is
   *   required", a hash format error or "unsupported signing algorithm …".
   * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
   */
  async signHashWithPat(
    pat: string,
    payloadHash: string,
    algorithm: SigningAlgorithm | string,
  ): Promise<Signature> {
    const bearer = requirePat(pat);
    const hash = checkPayloadHash(payloadHash, 'payload hash is required');
    const canonical = canonicalAlgorithm(algorithm);
    if (!canonical) {
      throw new OperonValidationError(
        `unsupported signing algorithm ${algorithm}`,
      );
    }
    const signature = await requestSelfSignature(
      this.http,
      this.options.baseUrl,
      bearer,
      hash,
      canonical,
    );
    const keyId =
      signature.keyId ?? defaultKeyId(decodeTokenClaims(bearer).participantDid);
    return keyId ? { ...signature, keyId } : signature;
  }

  /**
   * Submits a transaction with the PAT (PROTOCOL §6.2): workstream and
   * source default from the PAT's claims; there is no catalogue lookup and
   * no managed signing, so `targetDid` and a signature with algorithm and
   * value are required. `activeTimeSeconds` is sent when defined.
   * @throws {OperonValidationError} "pat is required" or the first failing
   *   rule of the transaction validation list.
   * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
   */
  submitTransactionWithPat(
    pat: string,
    request: TransactionRequest,
  ): Promise<Transaction> {
    return submitWithPat(this.http, this.options.baseUrl, pat, request);
  }

  /**
   * Validates signature headers against a payload with the PAT as bearer
   * (PROTOCOL §6.3, same checks and messages as
   * `SignatureService.validateSignatureHeaders()`).
   * @throws {OperonValidationError | OperonApiError | OperonTransportError
   *   | OperonDecodeError}
   */
  async validateSignatureWithPat(
    pat: string,
    payload: OperonSignaturePayload,
    headers: OperonHeaderInput,
  ): Promise<OperonSignatureVerification> {
    const bearer = requirePat(pat);
    return validateSignature(payload, headers, (bytes, read) =>
      requestVerification(this.http, this.options.baseUrl, bearer, bytes, read),
    );
  }

  /**
   * The workstream named by `workstreamId`, else the PAT's workstream.
   * @throws {OperonValidationError} when neither names one.
   * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
   */
  async fetchWorkstream(
    pat: string,
    workstreamId?: string,
  ): Promise<Workstream> {
    return readWorkstream(await this.getWorkstream(pat, workstreamId, ''));
  }

  /**
   * The interactions of the workstream (override, else the PAT's).
   * @throws {OperonValidationError} when neither names one.
   * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
   */
  async fetchWorkstreamInteractions(
    pat: string,
    workstreamId?: string,
  ): Promise<WorkstreamInteractionsResponse> {
    const body = await this.getWorkstream(pat, workstreamId, '/interactions');
    return readWorkstreamInteractions(body);
  }

  /**
   * The participants of the workstream (override, else the PAT's).
   * @throws {OperonValidationError} when neither names one.
   * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
   */
  async fetchWorkstreamParticipants(
    pat: string,
    workstreamId?: string,
  ): Promise<WorkstreamParticipantsResponse> {
    const body = await this.getWorkstream(pat, workstreamId, '/participants');
    return readWorkstreamParticipants(body);
  }

  /**
   * Asks Operon whether the PAT is a live session and describes it
   * (PROTOCOL §6.6–6.7). An expired or revoked PAT is an `OperonApiError`
   * with status 401.
   * @throws {OperonValidationError} "pat is required".
   * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
   */
  async validateSession(pat: string): Promise<SessionInfo> {
    const bearer = requirePat(pat);
    const url = `${this.options.baseUrl}/v1/session/validate`;
    const res = await getWithPat(this.http, url, bearer);
    return readSessionInfo(res.data, bearer, res.status);
  }

  private async getWorkstream(
    pat: string,
    override: string | undefined,
    suffix: string,
  ): Promise<unknown> {
    const bearer = requirePat(pat);
    const url = workstreamUrl(
      this.options.baseUrl,
      override,
      decodeTokenClaims(bearer).workstreamId,
      suffix,
    );
    return (await getWithPat(this.http, url, bearer)).data;
  }
}
