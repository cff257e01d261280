import { PAYLOAD_HASH_PATTERN } from '../../crypto/base64url.util.js';
import {
  isSigningAlgorithm,
  type SigningAlgorithm,
} from '../../crypto/participant-keys.util.js';
import { checkSignature } from '../../crypto/signature.check.js';
import {
  EmulatorHttpError,
  parseJsonObject,
  validationError,
} from '../../http/emulator-http.error.js';
import type { OperonEmulatorTransaction } from '../../realm/transaction.store.js';
import {
  ok,
  type EmulatorContext,
  type EmulatorHandler,
} from '../handler.types.js';
import {
  parseTransaction,
  type TransactionInput,
} from './transaction.parse.js';
import { buildTransactionRecord } from './transaction.record.js';

const RFC3339 =
  /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const ROI_CLASSIFICATIONS = ['baseline', 'increment', 'savings'];

function error(status: number, code: string, message: string) {
  return new EmulatorHttpError(status, code, message);
}

function checkRouting(input: TransactionInput): void {
  for (const [field, label] of [
    ['sourceDid', 'SourceDID'],
    ['targetDid', 'TargetDID'],
  ] as const) {
    if (!input[field].startsWith('did:')) {
      throw error(400, 'INVALID_DID', `${label} must be a valid DID`);
    }
  }
  if (!PAYLOAD_HASH_PATTERN.test(input.payloadHash)) {
    throw error(
      400,
      'INVALID_PAYLOAD_HASH',
      'payload hash must be 43 base64url characters, ' +
        `got ${input.payloadHash.length}`,
    );
  }
  if (!isSigningAlgorithm(input.signature.algorithm)) {
    throw error(
      400,
      'UNSUPPORTED_ALGORITHM',
      `unsupported signing algorithm ${input.signature.algorithm}`,
    );
  }
}

function checkOptionals(input: TransactionInput): void {
  const { roiClassification, timestamp } = input;
  if (roiClassification && !ROI_CLASSIFICATIONS.includes(roiClassification)) {
    throw validationError(
      'ROIClassification must be one of baseline, increment, savings',
    );
  }
  for (const [who, label] of [
    ['actor', 'Actor'],
    ['assignee', 'Assignee'],
  ] as const) {
    const named =
      input[`${who}ExternalId`] ?? input[`${who}ExternalDisplayName`];
    if (named !== undefined && input[`${who}ExternalSource`] === undefined) {
      throw validationError(
        `${label}ExternalSource is required when ${label}ExternalID or ` +
          `${label}ExternalDisplayName is set`,
      );
    }
  }
  if (timestamp && !(RFC3339.test(timestamp) && Date.parse(timestamp) > 0)) {
    throw error(
      400,
      'INVALID_TIMESTAMP',
      `timestamp ${timestamp} is not RFC 3339`,
    );
  }
}

function resolveRoute(input: TransactionInput, ctx: EmulatorContext) {
  const workstream = ctx.realm.findWorkstream(input.workstreamId);
  if (workstream === undefined) {
    throw error(
      404,
      'WORKSTREAM_NOT_FOUND',
      `workstream ${input.workstreamId} not found`,
    );
  }
  const interaction = ctx.realm.findInteraction(input.interactionId);
  if (interaction === undefined) {
    throw error(
      404,
      'INTERACTION_NOT_FOUND',
      `interaction ${input.interactionId} not found`,
    );
  }
  const mismatch =
    interaction.workstreamId !== workstream.id
      ? `belongs to workstream ${interaction.workstreamId}`
      : interaction.sourceDid !== input.sourceDid
        ? `has source ${interaction.sourceDid}`
        : interaction.targetDid !== input.targetDid
          ? `has target ${interaction.targetDid}`
          : undefined;
  if (mismatch !== undefined) {
    throw error(
      400,
      'INTERACTION_MISMATCH',
      `interaction ${interaction.id} ${mismatch}`,
    );
  }

  return { workstream, interaction };
}

function checkTransactionSignature(
  input: TransactionInput,
  ctx: EmulatorContext,
): void {
  const source = ctx.realm.findByDid(input.sourceDid);
  if (!ctx.settings.verifySignatures || source === undefined) {
    return;
  }
  const failure = checkSignature({
    did: input.sourceDid,
    keys: source.signingKeys,
    algorithm: input.signature.algorithm as SigningAlgorithm,
    keyId: input.signature.keyId,
    value: input.signature.value,
    payloadHash: input.payloadHash,
  });
  if (failure !== undefined) {
    throw error(400, 'INVALID_SIGNATURE', failure.message);
  }
}

function replay(
  stored: OperonEmulatorTransaction,
  input: TransactionInput,
): OperonEmulatorTransaction {
  if (
    stored.payloadHash !== input.payloadHash ||
    stored.interactionId !== input.interactionId
  ) {
    throw error(
      409,
      'CORRELATION_CONFLICT',
      `correlationId ${input.correlationId} was already used ` +
        'for another transaction',
    );
  }

  return stored;
}

/**
 * E3: validates, checks the signature against the source DID, and stores
 * the transaction once per workstream and correlation ID (§13.2).
 * @internal
 */
export const handleTransaction: EmulatorHandler = (req, ctx) => {
  const input = parseTransaction(parseJsonObject(req.body));
  checkRouting(input);
  checkOptionals(input);
  const { workstream, interaction } = resolveRoute(input, ctx);
  checkTransactionSignature(input, ctx);
  const stored = ctx.transactions.find(input.workstreamId, input.correlationId);
  if (stored !== undefined) {
    return ok(replay(stored, input));
  }
  const record = buildTransactionRecord(
    input,
    workstream,
    interaction,
    req.claims,
  );
  ctx.transactions.save(record);

  return ok(record);
};
