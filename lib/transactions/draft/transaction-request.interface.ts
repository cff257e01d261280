import type { RoiClassification } from '../../models/operon-enums.constants.js';
import type { OperonPayload } from '../../utils/payload.util.js';
import type { Signature } from '../signature.interface.js';

/**
 * A transaction once routing and hashing are settled: what the validation
 * list checks and what the request body is built from. All strings are
 * trimmed when checked and sent; blank ones count as absent.
 * @publicApi
 */
export interface TransactionDraft {
  /** Caller-chosen idempotency key, unique per workstream. */
  correlationId?: string;
  workstreamId?: string;
  interactionId?: string;
  /** When the business event happened. @default now */
  timestamp?: Date;
  sourceDid?: string;
  targetDid?: string;
  /** base64url SHA-256 of the payload, 43 characters. */
  payloadHash?: string;
  signature?: Partial<Signature>;
  /** Free text; trimmed, omitted when blank. */
  label?: string;
  /** Trimmed; blank tags are dropped. */
  tags?: string[];
  roiClassification?: RoiClassification;
  /** Omitted from the body when 0 (PROTOCOL §3.3). */
  roiCost?: number;
  /** Seconds; omitted from the body when 0. */
  roiTime?: number;
  /** Seconds spent actively; must be ≥ 0 and is sent even when 0. */
  activeTimeSeconds?: number;
  state?: string;
  stateId?: string;
  stateLabel?: string;
  /** Must be ≥ 0; omitted when 0 (likewise the next three). */
  roiBaseCost?: number;
  roiBaseTime?: number;
  roiCostSaving?: number;
  roiTimeSaving?: number;
  actorExternalId?: string;
  actorExternalDisplayName?: string;
  /** Required when the actor ID or display name is set. */
  actorExternalSource?: string;
  assigneeExternalId?: string;
  assigneeExternalDisplayName?: string;
  /** Required when the assignee ID or display name is set. */
  assigneeExternalSource?: string;
  customerId?: string;
  workspaceId?: string;
  createdBy?: string;
}

/**
 * What `TransactionsService.submitTransaction()` accepts. Give either the
 * `payload` (hashed locally, never sent) or its `payloadHash`. Workstream,
 * source and target default from the token and the interaction.
 * @publicApi
 */
export interface TransactionRequest extends Omit<
  TransactionDraft,
  'correlationId' | 'interactionId'
> {
  /** Caller-chosen idempotency key, unique per workstream. */
  correlationId: string;
  /** A catalogued interaction visible to the token. */
  interactionId: string;
  /**
   * Legacy name of `workstreamId`, used when that is blank. Never sent.
   * @deprecated Use `workstreamId`; will be removed in 1.0.
   */
  channelId?: string;
  /**
   * The business payload. Bytes and strings (UTF-8) are hashed as they are;
   * a plain object is hashed as the exact bytes of `JSON.stringify(object)`,
   * so a receiver must hash the same serialisation. Zero-length payloads
   * count as absent.
   */
  payload?: OperonPayload;
  /**
   * Manual signature. With self-signing on, a signature without `value` is
   * replaced by Operon's; with it off, `algorithm` and `value` are required.
   */
  signature?: Partial<Signature>;
}
