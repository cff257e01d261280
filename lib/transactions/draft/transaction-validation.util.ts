import { OperonValidationError } from '../../errors/operon-validation.error.js';
import { RoiClassification } from '../../models/operon-enums.constants.js';
import { clean } from '../../utils/strings.util.js';
import type { TransactionDraft } from './transaction-request.interface.js';

/**
 * Options of {@link validateTransaction}.
 * @publicApi
 */
export interface TransactionValidationOptions {
  /**
   * The signature will come from Operon's signing endpoint after this check,
   * so the two signature rules (9 and 10) are skipped. Lets a rejected
   * request fail before it causes a signature (PROTOCOL §13.1, row 27).
   * @default false
   */
  selfSignPending?: boolean;
}

type Rule = (
  draft: TransactionDraft,
  options: TransactionValidationOptions,
) => string | undefined;

const ROI_CLASSIFICATIONS: readonly unknown[] =
  Object.values(RoiClassification);

const required = (value: string | undefined, message: string) =>
  clean(value) ? undefined : message;
const isDid = (value: string | undefined) => clean(value)?.startsWith('did:');
const negative = (value: number | undefined, message: string) =>
  value !== undefined && value !== null && value < 0 ? message : undefined;
const attributed = (
  id: string | undefined,
  name: string | undefined,
  source: string | undefined,
) => !(clean(id) || clean(name)) || clean(source) !== undefined;

// The reference SDK's list (PROTOCOL §4.2 step 10): order and texts matter,
// the first failure wins.
const RULES: readonly Rule[] = [
  (d) => required(d.correlationId, 'CorrelationID is required'),
  (d) => required(d.workstreamId, 'WorkstreamID is required'),
  (d) => required(d.interactionId, 'InteractionID is required'),
  (d) => required(d.sourceDid, 'SourceDID is required'),
  (d) => (isDid(d.sourceDid) ? undefined : 'SourceDID must be a valid DID'),
  (d) => required(d.targetDid, 'TargetDID is required'),
  (d) => (isDid(d.targetDid) ? undefined : 'TargetDID must be a valid DID'),
  (d) => required(d.payloadHash, 'payload bytes or payload hash is required'),
  (d, o) =>
    o.selfSignPending
      ? undefined
      : required(d.signature?.algorithm, 'Signature algorithm is required'),
  (d, o) =>
    o.selfSignPending
      ? undefined
      : required(d.signature?.value, 'Signature value is required'),
  // Exact and case-sensitive on the untrimmed value, as in Go.
  (d) =>
    d.roiClassification === undefined ||
    (d.roiClassification as unknown) === '' ||
    ROI_CLASSIFICATIONS.includes(d.roiClassification)
      ? undefined
      : 'ROIClassification must be one of baseline, increment, savings',
  (d) => negative(d.activeTimeSeconds, 'ActiveTimeSeconds cannot be negative'),
  (d) => negative(d.roiBaseCost, 'ROIBaseCost cannot be negative'),
  (d) => negative(d.roiBaseTime, 'ROIBaseTime cannot be negative'),
  (d) => negative(d.roiCostSaving, 'ROICostSaving cannot be negative'),
  (d) => negative(d.roiTimeSaving, 'ROITimeSaving cannot be negative'),
  (d) =>
    attributed(
      d.actorExternalId,
      d.actorExternalDisplayName,
      d.actorExternalSource,
    )
      ? undefined
      : 'ActorExternalSource is required when ActorExternalID or ' +
        'ActorExternalDisplayName is set',
  (d) =>
    attributed(
      d.assigneeExternalId,
      d.assigneeExternalDisplayName,
      d.assigneeExternalSource,
    )
      ? undefined
      : 'AssigneeExternalSource is required when AssigneeExternalID or ' +
        'AssigneeExternalDisplayName is set',
];

/**
 * The reference SDK's client-side validation list (PROTOCOL §4.2 step 10):
 * the 18 rules in their order with their exact messages, the first failure
 * winning, every string checked trimmed. Then two checks the typed Go SDK
 * gets for free: numbers must be integers and `timestamp` a valid `Date`.
 * Pure; sends nothing.
 * @throws {OperonValidationError} with the first failing rule's message.
 * @publicApi
 */
export function validateTransaction(
  draft: TransactionDraft,
  options: TransactionValidationOptions = {},
): void {
  for (const rule of RULES) {
    const message = rule(draft, options);
    if (message) throw new OperonValidationError(message);
  }
  const message = checkTypes(draft);
  if (message) throw new OperonValidationError(message);
}

const INTEGER_FIELDS = [
  'roiCost',
  'roiTime',
  'activeTimeSeconds',
  'roiBaseCost',
  'roiBaseTime',
  'roiCostSaving',
  'roiTimeSaving',
] as const;

function checkTypes(draft: TransactionDraft): string | undefined {
  for (const field of INTEGER_FIELDS) {
    const value = draft[field] as unknown;
    if (value !== undefined && value !== null && !Number.isSafeInteger(value)) {
      return `${field} must be an integer`;
    }
  }
  const at = draft.timestamp as unknown;
  if (at !== undefined && !(at instanceof Date && !isNaN(at.getTime()))) {
    return 'timestamp must be a valid Date';
  }
  return undefined;
}
