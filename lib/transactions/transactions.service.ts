import { Inject, Injectable } from '@nestjs/common';
import { OperonAuthService } from '../auth/operon-auth.service.js';
import type { OperonAccessToken } from '../auth/operon-claims.interface.js';
import { OperonValidationError } from '../errors/operon-validation.error.js';
import { OperonHttpClient } from '../http/operon-http.client.js';
import { OPERON_RESOLVED_OPTIONS } from '../operon.constants.js';
import type { ResolvedOperonOptions } from '../options/resolved-options.interface.js';
import { defaultKeyId } from '../utils/signing-algorithm.util.js';
import { clean, firstNonBlank } from '../utils/strings.util.js';
import { ReferenceCacheStore } from './reference-data/reference-cache.store.js';
import type {
  InteractionSummary,
  ParticipantSummary,
} from './reference-data/reference-data.interface.js';
import { requestSelfSignature } from './self-sign.util.js';
import type { Signature } from './signature.interface.js';
import { buildTransactionBody } from './draft/transaction-body.util.js';
import { toTransactionDraft } from './draft/transaction-draft.util.js';
import type {
  TransactionDraft,
  TransactionRequest,
} from './draft/transaction-request.interface.js';
import { validateTransaction } from './draft/transaction-validation.util.js';
import type { Transaction } from './transaction.interface.js';
import { readTransaction } from './transaction.mapper.js';

/**
 * Submits transactions the way the reference SDK does (PROTOCOL §4): only
 * the payload's hash leaves the app, signed by Operon's managed key unless
 * a signature is supplied. Keeps the interaction and participant catalogue
 * that routing relies on.
 * @publicApi
 */
@Injectable()
export class TransactionsService {
  private readonly store: ReferenceCacheStore;

  constructor(
    @Inject(OPERON_RESOLVED_OPTIONS)
    private readonly options: ResolvedOperonOptions,
    @Inject(OperonHttpClient) private readonly http: OperonHttpClient,
    @Inject(OperonAuthService) private readonly auth: OperonAuthService,
  ) {
    this.store = new ReferenceCacheStore(http, options.baseUrl);
  }

  /**
   * Hashes, routes, validates, signs and posts one transaction. Every
   * local check runs before the sign request, so a rejected request never
   * causes a signature. One access token serves the whole submission.
   * Safe to repeat with the same `correlationId`.
   * @throws {OperonValidationError} when the request is rejected locally.
   * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
   */
  async submitTransaction(request: TransactionRequest): Promise<Transaction> {
    const token = await this.auth.getToken();
    const routing = await this.route(request, token);
    const draft = Object.assign(toTransactionDraft(request), routing);
    draft.signature = await this.signatureFor(draft, token);

    const res = await this.http.send({
      method: 'POST',
      url: `${this.options.baseUrl}/v1/transactions`,
      token: token.accessToken,
      json: buildTransactionBody(draft),
      idempotent: true,
    });
    return readTransaction(res.data);
  }

  /**
   * The interactions visible to the token, with source and target DIDs.
   * Loaded once; later calls return copies of the cached list.
   * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
   */
  async interactions(): Promise<InteractionSummary[]> {
    const catalogue = await this.store.current(() => this.accessToken());
    return structuredClone(catalogue.interactions);
  }

  /**
   * The participants visible to the token (those with an ID and a DID).
   * Loaded once; later calls return copies of the cached list.
   * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
   */
  async participants(): Promise<ParticipantSummary[]> {
    const catalogue = await this.store.current(() => this.accessToken());
    return structuredClone(catalogue.participants);
  }

  /**
   * Loads interactions and participants again, e.g. after the catalogue
   * changed in Operon.
   * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
   */
  async reloadReferenceData(): Promise<void> {
    await this.store.reload(await this.accessToken());
  }

  // Routing defaults (PROTOCOL §4.2 steps 2–6): workstream from the request,
  // then the token, then the interaction; source and target from the
  // interaction; without an interaction the source is the token's DID.
  // Runs before hashing so that interaction errors come first (§4.2).
  private async route(
    request: TransactionRequest,
    token: OperonAccessToken,
  ): Promise<Routing> {
    const { claims } = token;
    const workstreamId = firstNonBlank(
      request.workstreamId,
      request.channelId,
      claims.workstreamId,
    );
    if (!clean(request.interactionId)) {
      const sourceDid = firstNonBlank(request.sourceDid, claims.participantDid);
      return { workstreamId, sourceDid, targetDid: request.targetDid };
    }

    const interaction = await this.store.find(
      request.interactionId,
      token.accessToken,
    );
    return {
      workstreamId: workstreamId ?? clean(interaction.workstreamId),
      sourceDid: routeDid(request.sourceDid, interaction, 'source'),
      targetDid: routeDid(request.targetDid, interaction, 'target'),
    };
  }

  private async signatureFor(
    draft: TransactionDraft,
    token: OperonAccessToken,
  ): Promise<Partial<Signature>> {
    const selfSign = this.options.selfSign && !clean(draft.signature?.value);
    const participantDid = token.claims.participantDid;
    if (selfSign && !participantDid) {
      throw new OperonValidationError(
        'participant DID unavailable on access token',
      );
    }
    validateTransaction(draft, { selfSignPending: selfSign });

    const signature = selfSign
      ? await requestSelfSignature(
          this.http,
          this.options.baseUrl,
          token.accessToken,
          draft.payloadHash!,
          this.options.signingAlgorithm,
        )
      : { ...draft.signature };
    if (!clean(signature.keyId)) {
      signature.keyId = defaultKeyId(
        firstNonBlank(draft.sourceDid, participantDid),
      );
    }
    return signature;
  }

  private async accessToken(): Promise<string> {
    return (await this.auth.getToken()).accessToken;
  }
}

type Routing = Pick<
  TransactionDraft,
  'workstreamId' | 'sourceDid' | 'targetDid'
>;

function routeDid(
  given: string | undefined,
  interaction: InteractionSummary,
  end: 'source' | 'target',
): string {
  const did = firstNonBlank(given, interaction[`${end}Did`]);
  if (!did) {
    throw new OperonValidationError(
      `interaction ${interaction.id} missing ${end} DID`,
    );
  }
  return did;
}
