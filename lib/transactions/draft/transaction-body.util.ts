import { compact } from '../../models/json-read.util.js';
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
  const tags = cleanList(draft.tags);
  const body: TransactionBody = {
    correlationId: text(draft.correlationId),
    workstreamId: text(draft.workstreamId),
    interactionId: text(draft.interactionId),
    timestamp: (draft.timestamp ?? new Date()).toISOString(),
    sourceDid: text(draft.sourceDid),
    targetDid: text(draft.targetDid),
    roiClassification: clean(draft.roiClassification),
    roiCost: nonZero(draft.roiCost),
    roiTime: nonZero(draft.roiTime),
    activeTimeSeconds: draft.activeTimeSeconds ?? undefined,
    state: clean(draft.state),
    stateId: clean(draft.stateId),
    stateLabel: clean(draft.stateLabel),
    roiBaseCost: nonZero(draft.roiBaseCost),
    roiBaseTime: nonZero(draft.roiBaseTime),
    roiCostSaving: nonZero(draft.roiCostSaving),
    roiTimeSaving: nonZero(draft.roiTimeSaving),
    signature: wireSignature(draft.signature),
    payloadHash: text(draft.payloadHash),
    label: clean(draft.label),
    tags: tags.length > 0 ? tags : undefined,
    actorExternalId: clean(draft.actorExternalId),
    actorExternalDisplayName: clean(draft.actorExternalDisplayName),
    actorExternalSource: clean(draft.actorExternalSource),
    assigneeExternalId: clean(draft.assigneeExternalId),
    assigneeExternalDisplayName: clean(draft.assigneeExternalDisplayName),
    assigneeExternalSource: clean(draft.assigneeExternalSource),
    customerId: clean(draft.customerId),
    workspaceId: clean(draft.workspaceId),
    createdBy: clean(draft.createdBy),
  };

  return compact(body);
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
