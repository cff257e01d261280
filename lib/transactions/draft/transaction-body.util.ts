import { clean, cleanList } from '../../utils/strings.util.js';
import type { Signature } from '../signature.interface.js';
import type { TransactionDraft } from './transaction-request.interface.js';

/**
 * The JSON body of `POST /v1/transactions` (PROTOCOL §3.3), members in the
 * reference SDK's order.
 * @publicApi
 */
export interface TransactionBody {
  correlationId: string;
  workstreamId: string;
  interactionId: string;
  timestamp: string;
  sourceDid: string;
  targetDid: string;
  roiClassification?: string;
  roiCost?: number;
  roiTime?: number;
  activeTimeSeconds?: number;
  state?: string;
  stateId?: string;
  stateLabel?: string;
  roiBaseCost?: number;
  roiBaseTime?: number;
  roiCostSaving?: number;
  roiTimeSaving?: number;
  signature: Signature;
  payloadHash: string;
  label?: string;
  tags?: string[];
  actorExternalId?: string;
  actorExternalDisplayName?: string;
  actorExternalSource?: string;
  assigneeExternalId?: string;
  assigneeExternalDisplayName?: string;
  assigneeExternalSource?: string;
  customerId?: string;
  workspaceId?: string;
  createdBy?: string;
}

/**
 * Builds the request body from a validated draft (PROTOCOL §3.3, §13.1):
 * every string trimmed; blank strings and zero ROI integers omitted;
 * `activeTimeSeconds` sent whenever defined, 0 included; `timestamp` as
 * `toISOString()` (default: now); blank tags dropped and `tags` omitted
 * when none is left; the signature's `keyId` omitted when blank. Never
 * emits `payloadData`, `sourceCode`, `stateSourceCode` or `channelId`.
 * Pure apart from reading the clock when `timestamp` is absent.
 * @publicApi
 */
export function buildTransactionBody(draft: TransactionDraft): TransactionBody {
  // Members added one by one, only when defined: cheaper on this hot path
  // than a literal of every member filtered afterwards.
  const body = {
    correlationId: text(draft.correlationId),
    workstreamId: text(draft.workstreamId),
    interactionId: text(draft.interactionId),
    timestamp: (draft.timestamp ?? new Date()).toISOString(),
    sourceDid: text(draft.sourceDid),
    targetDid: text(draft.targetDid),
  } as TransactionBody;
  put(body, 'roiClassification', clean(draft.roiClassification));
  put(body, 'roiCost', nonZero(draft.roiCost));
  put(body, 'roiTime', nonZero(draft.roiTime));
  put(body, 'activeTimeSeconds', draft.activeTimeSeconds ?? undefined);
  put(body, 'state', clean(draft.state));
  put(body, 'stateId', clean(draft.stateId));
  put(body, 'stateLabel', clean(draft.stateLabel));
  put(body, 'roiBaseCost', nonZero(draft.roiBaseCost));
  put(body, 'roiBaseTime', nonZero(draft.roiBaseTime));
  put(body, 'roiCostSaving', nonZero(draft.roiCostSaving));
  put(body, 'roiTimeSaving', nonZero(draft.roiTimeSaving));
  body.signature = wireSignature(draft.signature);
  body.payloadHash = text(draft.payloadHash);
  put(body, 'label', clean(draft.label));
  const tags = cleanList(draft.tags);
  if (tags.length > 0) body.tags = tags;
  for (const name of OPTIONAL_TEXT) put(body, name, clean(draft[name]));
  return body;
}

// The trailing optional string members, in wire order.
const OPTIONAL_TEXT = [
  'actorExternalId',
  'actorExternalDisplayName',
  'actorExternalSource',
  'assigneeExternalId',
  'assigneeExternalDisplayName',
  'assigneeExternalSource',
  'customerId',
  'workspaceId',
  'createdBy',
] as const;

function put<K extends keyof TransactionBody>(
  body: TransactionBody,
  name: K,
  value: TransactionBody[K] | undefined,
): void {
  if (value !== undefined) body[name] = value;
}

function wireSignature(signature: Partial<Signature> | undefined): Signature {
  const keyId = clean(signature?.keyId);
  return {
    algorithm: text(signature?.algorithm),
    value: text(signature?.value),
    ...(keyId ? { keyId } : {}),
  };
}

const text = (value: string | undefined) => clean(value) ?? '';
const nonZero = (value: number | undefined) =>
  value === undefined || value === null || value === 0 ? undefined : value;
