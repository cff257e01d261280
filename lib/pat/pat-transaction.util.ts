import { decodeTokenClaims } from '../auth/claims.util.js';
import type { OperonHttpClient } from '../http/operon-http.client.js';
import { buildTransactionBody } from '../transactions/draft/transaction-body.util.js';
import { toTransactionDraft } from '../transactions/draft/transaction-draft.util.js';
import type { TransactionRequest } from '../transactions/draft/transaction-request.interface.js';
import { validateTransaction } from '../transactions/draft/transaction-validation.util.js';
import type { Transaction } from '../transactions/transaction.interface.js';
import { readTransaction } from '../transactions/transaction.mapper.js';
import { firstNonBlank } from '../utils/strings.util.js';
import { requirePat } from './pat.util.js';

/**
 * `SubmitTransactionWithPAT` (PROTOCOL §6.2): the transaction path without
 * catalogue and managed signing, on the shared hashing, validation and
 * body rules of `TransactionsService`.
 * @throws {OperonValidationError | OperonApiError | OperonTransportError
 *   | OperonDecodeError}
 * @internal
 */
export async function submitWithPat(
  http: OperonHttpClient,
  baseUrl: string,
  pat: string,
  request: TransactionRequest,
): Promise<Transaction> {
  const bearer = requirePat(pat);
  const claims = decodeTokenClaims(bearer);
  const draft = toTransactionDraft({
    ...request,
    workstreamId: firstNonBlank(
      request.workstreamId,
      request.channelId,
      claims.workstreamId,
    ),
    sourceDid: firstNonBlank(request.sourceDid, claims.participantDid),
  });
  validateTransaction(draft);

  const res = await http.send<unknown>({
    method: 'POST',
    url: `${baseUrl}/v1/transactions`,
    token: bearer,
    json: buildTransactionBody(draft),
    idempotent: true,
  });
  return readTransaction(res.data);
}
