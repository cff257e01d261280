import type { Signature } from './signature.interface.js';

/**
 * A stored transaction as `POST /v1/transactions` returns it (PROTOCOL
 * §3.3). Times are the RFC 3339 strings Operon sent, unparsed, so no
 * precision is lost. Members Operon did not send are absent (strings,
 * numbers) or empty (`tags`).
 * @publicApi
 */
export interface Transaction {
  id: string;
  correlationId: string;
  workstreamId: string;
  workstreamName?: string;
  customerId?: string;
  workspaceId?: string;
  interactionId: string;
  timestamp: string;
  sourceDid: string;
  targetDid: string;
  state?: string;
  stateId?: string;
  stateLabel?: string;
  roiClassification?: string;
  roiCost?: number;
  roiTime?: number;
  /** Derived by Operon. */
  roiCostIncrement?: number;
  roiTimeIncrement?: number;
  roiCostSavings?: number;
  roiTimeSavings?: number;
  activeTimeSeconds?: number;
  roiBaseCost?: number;
  roiBaseTime?: number;
  roiCostSaving?: number;
  roiTimeSaving?: number;
  signature: Signature;
  label?: string;
  tags: string[];
  payloadHash: string;
  actorExternalId?: string;
  actorExternalDisplayName?: string;
  actorExternalSource?: string;
  assigneeExternalId?: string;
  assigneeExternalDisplayName?: string;
  assigneeExternalSource?: string;
  /** E.g. `received` or `PENDING` (see `TransactionStatus`). */
  status: string;
  /** Hedera Consensus Service anchoring, once available. */
  hcsTopicId?: string;
  hcsSequenceNumber?: number;
  hcsConsensusTimestamp?: string;
  hcsTransactionId?: string;
  hcsRunningHash?: string;
  createdAt?: string;
  updatedAt?: string;
  createdBy?: string;
  updatedBy?: string;
  version?: number;
}
