import type { SigningAlgorithm } from '../crypto/participant-keys.util.js';

/**
 * A stored transaction as `POST /v1/transactions` returns it (PROTOCOL
 * §3.3). Optional members are omitted, never `null` (§3.15).
 * @publicApi
 */
export interface OperonEmulatorTransaction {
  id: string;
  status: 'received';
  correlationId: string;
  workstreamId: string;
  workstreamName?: string;
  customerId?: string;
  workspaceId?: string;
  interactionId: string;
  timestamp: string;
  sourceDid: string;
  targetDid: string;
  signature: { algorithm: SigningAlgorithm; value: string; keyId?: string };
  payloadHash: string;
  state?: string;
  stateId?: string;
  stateLabel?: string;
  label?: string;
  tags?: string[];
  roiClassification?: string;
  roiCost?: number;
  roiTime?: number;
  activeTimeSeconds?: number;
  roiBaseCost?: number;
  roiBaseTime?: number;
  roiCostSaving?: number;
  roiTimeSaving?: number;
  roiCostIncrement: number;
  roiTimeIncrement: number;
  roiCostSavings: number;
  roiTimeSavings: number;
  actorExternalId?: string;
  actorExternalDisplayName?: string;
  actorExternalSource?: string;
  assigneeExternalId?: string;
  assigneeExternalDisplayName?: string;
  assigneeExternalSource?: string;
  createdAt: string;
  updatedAt: string;
  createdBy?: string;
  updatedBy?: string;
  version: number;
}

/**
 * Stored transactions, keyed by workstream and correlation ID (the
 * idempotency key of PROTOCOL §13.2).
 * @internal
 */
export class TransactionStore {
  private readonly records = new Map<string, OperonEmulatorTransaction>();

  find(
    workstreamId: string,
    correlationId: string,
  ): OperonEmulatorTransaction | undefined {
    return this.records.get(key(workstreamId, correlationId));
  }

  save(record: OperonEmulatorTransaction): void {
    this.records.set(key(record.workstreamId, record.correlationId), record);
  }

  list(): OperonEmulatorTransaction[] {
    return structuredClone([...this.records.values()]);
  }

  clear(): void {
    this.records.clear();
  }
}

function key(workstreamId: string, correlationId: string): string {
  // JSON keeps the pair unambiguous whatever characters the IDs contain.
  return JSON.stringify([workstreamId, correlationId]);
}
