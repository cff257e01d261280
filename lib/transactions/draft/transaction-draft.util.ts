import { clean, cleanList, firstNonBlank } from '../../utils/strings.util.js';
import { resolvePayloadHash } from '../../utils/payload.util.js';
import type {
  TransactionDraft,
  TransactionRequest,
} from './transaction-request.interface.js';

/**
 * Turns a request into a draft (PROTOCOL §4.2 step 7): `channelId` folded
 * into a blank `workstreamId`, the payload hashed (or the given hash
 * format-checked, or both compared), label trimmed and blank tags dropped.
 * The payload itself is not kept. Routing defaults are the caller's job.
 * @throws {OperonValidationError} on a missing, malformed or mismatching
 * payload hash (PROTOCOL §4.3 messages).
 * @publicApi
 */
export function toTransactionDraft(
  request: TransactionRequest,
): TransactionDraft {
  const { payload, channelId, payloadHash, ...fields } = request;

  return {
    ...fields,
    workstreamId: firstNonBlank(request.workstreamId, channelId),
    payloadHash: resolvePayloadHash(payload, payloadHash),
    label: clean(request.label),
    tags: cleanList(request.tags),
  };
}
