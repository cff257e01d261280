import { OperonValidationError } from '../../errors/operon-validation.error.js';
import { toTransactionDraft } from '../../transactions/draft/transaction-draft.util.js';
import type {
  TransactionDraft,
  TransactionRequest,
} from '../../transactions/draft/transaction-request.interface.js';
import { validateTransaction } from '../../transactions/draft/transaction-validation.util.js';
import { hashPayload } from '../../utils/payload.util.js';
import { clean } from '../../utils/strings.util.js';
import type { OperonQueuedTransaction } from './queued-transaction.interface.js';

// Only the fields a submission uses are stored: an extra property on the
// caller's object (say, a spread of a larger business record) never
// reaches Redis. A record over every draft field, so that a field added to
// the draft later fails to compile here until it is listed.
const STORED_FIELDS: Record<
  Exclude<keyof TransactionDraft, 'signature'>,
  true
> = {
  correlationId: true,
  workstreamId: true,
  interactionId: true,
  timestamp: true,
  sourceDid: true,
  targetDid: true,
  payloadHash: true,
  label: true,
  tags: true,
  roiClassification: true,
  roiCost: true,
  roiTime: true,
  activeTimeSeconds: true,
  state: true,
  stateId: true,
  stateLabel: true,
  roiBaseCost: true,
  roiBaseTime: true,
  roiCostSaving: true,
  roiTimeSaving: true,
  actorExternalId: true,
  actorExternalDisplayName: true,
  actorExternalSource: true,
  assigneeExternalId: true,
  assigneeExternalDisplayName: true,
  assigneeExternalSource: true,
  customerId: true,
  workspaceId: true,
  createdBy: true,
};

// Stand-ins for values that only the token or the interaction can supply,
// so that every other rule of the validation list can run before enqueueing.
const ROUTED_LATER = { workstreamId: 'routed', did: 'did:routed' };

/**
 * Checks a request as far as possible without a token and turns it into
 * job data: the payload hashed and dropped, `channelId` folded into
 * `workstreamId`, the timestamp fixed to now when absent.
 * @param selfSign whether Operon will sign (the module's `disableSelfSign`
 * is off), which waives the signature rules for unsigned requests.
 * @throws {OperonValidationError} with the reference SDK's message.
 * @publicApi
 */
export function toQueuedTransaction(
  request: TransactionRequest,
  selfSign = true,
  now: Date = new Date(),
): OperonQueuedTransaction {
  if (typeof request !== 'object' || request === null) {
    throw new OperonValidationError('transaction request must be an object');
  }
  const draft = toTransactionDraft(request);
  const selfSignPending = selfSign && !clean(draft.signature?.value);
  validateTransaction(withRoutingStandIns(draft), { selfSignPending });

  const data = {
    ...storedFields(draft),
    correlationId: draft.correlationId ?? '',
    interactionId: draft.interactionId ?? '',
    payloadHash: draft.payloadHash ?? '',
    timestamp: (draft.timestamp ?? now).toISOString(),
  };
  return withoutEmpty(data);
}

/**
 * The request a worker submits for job data (the inverse of
 * {@link toQueuedTransaction}, payload hash in place of the payload).
 * @internal
 */
export function fromQueuedTransaction(
  data: OperonQueuedTransaction,
): TransactionRequest {
  return { ...data, timestamp: new Date(data.timestamp) };
}

/**
 * The job ID of a transaction: one per workstream and correlation ID, so
 * enqueueing the same transaction twice collapses into one job. Hashed,
 * because BullMQ refuses some characters (`:`) in custom IDs.
 * @publicApi
 */
export function transactionJobId(
  correlationId: string,
  workstreamId?: string,
): string {
  const key = JSON.stringify([clean(workstreamId) ?? '', clean(correlationId)]);
  return `tx-${hashPayload(key)}`;
}

function withRoutingStandIns(draft: TransactionDraft): TransactionDraft {
  return {
    ...draft,
    workstreamId: clean(draft.workstreamId) ?? ROUTED_LATER.workstreamId,
    sourceDid: clean(draft.sourceDid) ?? ROUTED_LATER.did,
    targetDid: clean(draft.targetDid) ?? ROUTED_LATER.did,
  };
}

function storedFields(draft: TransactionDraft): Partial<TransactionDraft> {
  const stored: Record<string, unknown> = {};
  for (const key of Object.keys(STORED_FIELDS)) {
    stored[key] = draft[key as keyof TransactionDraft];
  }
  const signature = draft.signature;
  if (signature) {
    stored.signature = withoutEmpty({
      algorithm: signature.algorithm,
      value: signature.value,
      keyId: signature.keyId,
    });
  }
  return stored as Partial<TransactionDraft>;
}

// Empty members are dropped so that nothing but what was given is stored.
function withoutEmpty<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0),
    ),
  ) as T;
}
