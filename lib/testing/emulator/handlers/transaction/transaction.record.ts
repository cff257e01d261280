import type { SigningAlgorithm } from '../../crypto/participant-keys.util.js';
import type { OperonEmulatorClaims } from '../../crypto/token.issuer.js';
import { cloneDefined, newId } from '../../realm/realm.factory.js';
import type {
  OperonEmulatorInteraction,
  OperonEmulatorWorkstream,
} from '../../realm/realm.types.js';
import type { OperonEmulatorTransaction } from '../../realm/transaction.store.js';
import type { TransactionInput } from './transaction.parse.js';

function derivedRoi(
  input: TransactionInput,
  interaction: OperonEmulatorInteraction,
) {
  // The emulator's own reading of the response-only ROI fields: the
  // interaction's catalogue values apply unless the transaction overrides
  // them, and explicit savings add to classified ones.
  const classification =
    input.roiClassification ?? interaction.roiClassification;
  const cost = input.roiCost ?? interaction.roiCost ?? 0;
  const time = input.roiTime ?? interaction.roiTime ?? 0;
  const increment = classification === 'increment';
  const savings = classification === 'savings';

  return {
    roiCostIncrement: increment ? cost : 0,
    roiTimeIncrement: increment ? time : 0,
    roiCostSavings: (savings ? cost : 0) + (input.roiCostSaving ?? 0),
    roiTimeSavings: (savings ? time : 0) + (input.roiTimeSaving ?? 0),
  };
}

/**
 * Builds the stored record of an accepted transaction: the echo of the
 * request plus server fields (§3.3). `stateLabel` comes from the
 * workstream when `stateId` names one of its states.
 * @internal
 */
export function buildTransactionRecord(
  input: TransactionInput,
  workstream: OperonEmulatorWorkstream,
  interaction: OperonEmulatorInteraction,
  claims: OperonEmulatorClaims,
): OperonEmulatorTransaction {
  const now = new Date().toISOString();
  const state = workstream.states.find((s) => s.id === input.stateId);
  const author =
    input.createdBy ??
    (typeof claims.client_id === 'string' ? claims.client_id : undefined);

  return cloneDefined({
    ...input,
    id: newId('txn'),
    status: 'received',
    timestamp: input.timestamp ?? now,
    signature: {
      ...input.signature,
      algorithm: input.signature.algorithm as SigningAlgorithm,
    },
    workstreamName: workstream.name,
    customerId: input.customerId ?? workstream.customerId,
    workspaceId: input.workspaceId ?? workstream.workspaceId,
    stateLabel: state?.name ?? input.stateLabel,
    ...derivedRoi(input, interaction),
    createdAt: now,
    updatedAt: now,
    createdBy: author,
    updatedBy: author,
    version: 1,
  });
}
