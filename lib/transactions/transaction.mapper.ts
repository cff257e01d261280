import {
  asObject,
  compact,
  type JsonObject,
  num,
  str,
  strList,
} from '../models/json-read.util.js';
import type { Signature } from './signature.interface.js';
import type { Transaction } from './transaction.interface.js';

const OPTIONAL_STRINGS = [
  'workstreamName',
  'customerId',
  'workspaceId',
  'state',
  'stateId',
  'stateLabel',
  'roiClassification',
  'label',
  'actorExternalId',
  'actorExternalDisplayName',
  'actorExternalSource',
  'assigneeExternalId',
  'assigneeExternalDisplayName',
  'assigneeExternalSource',
  'hcsTopicId',
  'hcsConsensusTimestamp',
  'hcsTransactionId',
  'hcsRunningHash',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
] as const;

const OPTIONAL_NUMBERS = [
  'roiCost',
  'roiTime',
  'roiCostIncrement',
  'roiTimeIncrement',
  'roiCostSavings',
  'roiTimeSavings',
  'activeTimeSeconds',
  'roiBaseCost',
  'roiBaseTime',
  'roiCostSaving',
  'roiTimeSaving',
  'hcsSequenceNumber',
  'version',
] as const;

/**
 * Reads a transaction response tolerantly: members of the wrong type are
 * dropped, required strings default to `''` (PROTOCOL §3.3).
 * @internal
 */
export function readTransaction(body: unknown): Transaction {
  const item = asObject(body);
  const transaction: Record<string, unknown> = {
    id: str(item, 'id') ?? '',
    correlationId: str(item, 'correlationId') ?? '',
    workstreamId: str(item, 'workstreamId') ?? str(item, 'channelId') ?? '',
    interactionId: str(item, 'interactionId') ?? '',
    timestamp: str(item, 'timestamp') ?? '',
    sourceDid: str(item, 'sourceDid') ?? '',
    targetDid: str(item, 'targetDid') ?? '',
    payloadHash: str(item, 'payloadHash') ?? '',
    status: str(item, 'status') ?? '',
    signature: readSignature(asObject(item.signature)),
    tags: strList(item, 'tags'),
  };
  // Optional members only when present, written in place: this runs once
  // per submission.
  for (const key of OPTIONAL_STRINGS) {
    const value = str(item, key);
    if (value !== undefined) transaction[key] = value;
  }
  for (const key of OPTIONAL_NUMBERS) {
    const value = num(item, key);
    if (value !== undefined) transaction[key] = value;
  }
  return transaction as unknown as Transaction;
}

/**
 * A signature object, members defaulting to `''` and `keyId` absent when
 * empty.
 */
function readSignature(item: JsonObject): Signature {
  return compact({
    algorithm: str(item, 'algorithm') ?? '',
    value: str(item, 'value') ?? '',
    keyId: str(item, 'keyId'),
  });
}
