import { validationError } from '../../http/emulator-http.error.js';

const REQUIRED = {
  correlationId: 'CorrelationID is required',
  workstreamId: 'WorkstreamID is required',
  interactionId: 'InteractionID is required',
  sourceDid: 'SourceDID is required',
  targetDid: 'TargetDID is required',
  payloadHash: 'payload hash is required',
} as const;

const OPTIONAL_STRINGS = [
  'timestamp',
  'label',
  'state',
  'stateId',
  'stateLabel',
  'roiClassification',
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

// Zero means "absent" for these (Go cannot send a deliberate 0, §3.3).
const SIGNED_INTEGERS = ['roiCost', 'roiTime'] as const;
const NON_NEGATIVE_INTEGERS = [
  'roiBaseCost',
  'roiBaseTime',
  'roiCostSaving',
  'roiTimeSaving',
] as const;

type RequiredField = keyof typeof REQUIRED;
type OptionalString = (typeof OPTIONAL_STRINGS)[number];
type IntegerField =
  (typeof SIGNED_INTEGERS)[number] | (typeof NON_NEGATIVE_INTEGERS)[number];

/**
 * A transaction body with `""`, `0` and `null` already read as absent and
 * strings trimmed.
 * @internal
 */
export type TransactionInput = Record<RequiredField, string> &
  Partial<Record<OptionalString, string>> &
  Partial<Record<IntegerField, number>> & {
    activeTimeSeconds?: number;
    tags?: string[];
    signature: { algorithm: string; value: string; keyId?: string };
  };

function text(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw validationError(`${name} must be a string`);
  }

  return value.trim() || undefined;
}

function integer(
  body: Record<string, unknown>,
  name: string,
  min: number,
): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw validationError(`${name} must be an integer`);
  }
  if (value < min) {
    throw validationError(`${name} cannot be negative`);
  }

  return value;
}

function tags(value: unknown): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string')) {
    throw validationError('tags must be an array of strings');
  }
  const kept = (value as string[]).map((t) => t.trim()).filter(Boolean);

  return kept.length > 0 ? kept : undefined;
}

function signature(value: unknown): TransactionInput['signature'] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw validationError('Signature algorithm is required');
  }
  const record = value as Record<string, unknown>;
  const algorithm = text(record, 'algorithm');
  const signatureValue = text(record, 'value');
  if (algorithm === undefined) {
    throw validationError('Signature algorithm is required');
  }
  if (signatureValue === undefined) {
    throw validationError('Signature value is required');
  }
  const keyId = text(record, 'keyId');

  return { algorithm, value: signatureValue, ...(keyId ? { keyId } : {}) };
}

/**
 * Reads and type-checks a transaction body; semantic checks come later.
 * @internal
 */
export function parseTransaction(
  body: Record<string, unknown>,
): TransactionInput {
  const input: Record<string, unknown> = {};
  for (const [name, message] of Object.entries(REQUIRED)) {
    input[name] = text(body, name) ?? fail(message);
  }
  for (const name of OPTIONAL_STRINGS) {
    input[name] = text(body, name);
  }
  for (const name of SIGNED_INTEGERS) {
    input[name] = integer(body, name, -Infinity) || undefined;
  }
  for (const name of NON_NEGATIVE_INTEGERS) {
    input[name] = integer(body, name, 0) || undefined;
  }
  input.activeTimeSeconds = integer(body, 'activeTimeSeconds', 0);
  input.tags = tags(body.tags);
  input.signature = signature(body.signature);

  return input as TransactionInput;
}

function fail(message: string): never {
  throw validationError(message);
}
