import { describe, expect, it } from 'vitest';
import {
  OperonValidationError,
  validateTransaction,
  type TransactionDraft,
} from '../../lib/index.js';

const HASH = 'eji_gfOD9pQzrW6QDTWz4jhVk_dqe3q11DVbi6Qe4ks';
const VALID: TransactionDraft = {
  correlationId: 'corr-1',
  workstreamId: 'wstr-1',
  interactionId: 'intr-1',
  sourceDid: 'did:operon:src',
  targetDid: 'did:operon:dst',
  payloadHash: HASH,
  signature: { algorithm: 'EdDSA', value: 'c2ln' },
};

// PROTOCOL §4.2 step 10, in order: the patch that breaks each rule.
const RULES: Array<[string, Partial<TransactionDraft>]> = [
  ['CorrelationID is required', { correlationId: ' ' }],
  ['WorkstreamID is required', { workstreamId: '' }],
  ['InteractionID is required', { interactionId: '\t' }],
  ['SourceDID is required', { sourceDid: ' ' }],
  ['SourceDID must be a valid DID', { sourceDid: 'operon:src' }],
  ['TargetDID is required', { targetDid: undefined }],
  ['TargetDID must be a valid DID', { targetDid: ' DID:operon:dst' }],
  ['payload bytes or payload hash is required', { payloadHash: ' ' }],
  ['Signature algorithm is required', { signature: { value: 'c2ln' } }],
  [
    'Signature value is required',
    { signature: { algorithm: 'EdDSA', value: ' ' } },
  ],
  [
    'ROIClassification must be one of baseline, increment, savings',
    { roiClassification: 'Savings' as never },
  ],
  ['ActiveTimeSeconds cannot be negative', { activeTimeSeconds: -1 }],
  ['ROIBaseCost cannot be negative', { roiBaseCost: -1 }],
  ['ROIBaseTime cannot be negative', { roiBaseTime: -5 }],
  ['ROICostSaving cannot be negative', { roiCostSaving: -1 }],
  ['ROITimeSaving cannot be negative', { roiTimeSaving: -2 }],
  [
    'ActorExternalSource is required when ActorExternalID or ' +
      'ActorExternalDisplayName is set',
    { actorExternalDisplayName: 'Ann', actorExternalSource: ' ' },
  ],
  [
    'AssigneeExternalSource is required when AssigneeExternalID or ' +
      'AssigneeExternalDisplayName is set',
    { assigneeExternalId: 'u-1' },
  ],
];

function rejection(draft: TransactionDraft, selfSignPending = false) {
  try {
    validateTransaction(draft, { selfSignPending });
  } catch (error) {
    expect(error).toBeInstanceOf(OperonValidationError);
    return (error as Error).message;
  }
  return undefined;
}

describe('validateTransaction', () => {
  it('accepts a complete draft', () => {
    expect(rejection(VALID)).toBeUndefined();
  });

  it.each(RULES.map(([message, patch], index) => [index + 1, message, patch]))(
    'rule %i alone: %s',
    (_n, message, patch) => {
      expect(rejection({ ...VALID, ...patch })).toBe(message);
    },
  );

  // Breaking rule i and every later rule must still report rule i.
  it.each(RULES.map(([message], index) => [index + 1, message]))(
    'rule %i wins over every later rule',
    (n, message) => {
      const later = RULES.slice(n - 1)
        .map(([, patch]) => patch)
        .reverse();
      expect(rejection(Object.assign({}, VALID, ...later))).toBe(message);
    },
  );

  it('skips only the signature rules when self-signing follows', () => {
    const unsigned = { ...VALID, signature: undefined };
    expect(rejection(unsigned, true)).toBeUndefined();
    expect(rejection(unsigned)).toBe('Signature algorithm is required');
    expect(rejection({ ...unsigned, roiBaseCost: -1 }, true)).toBe(
      'ROIBaseCost cannot be negative',
    );
  });

  it('checks ROIClassification exactly, untrimmed, only when non-empty', () => {
    expect(rejection({ ...VALID, roiClassification: '' as never })).toBe(
      undefined,
    );
    expect(rejection({ ...VALID, roiClassification: 'savings' })).toBe(
      undefined,
    );
    expect(
      rejection({ ...VALID, roiClassification: ' savings' as never }),
    ).toMatch(/^ROIClassification/);
  });

  it('accepts zero durations and attributed actors', () => {
    const draft: TransactionDraft = {
      ...VALID,
      activeTimeSeconds: 0,
      roiBaseCost: 0,
      actorExternalId: 'u-1',
      actorExternalSource: 'crm',
      assigneeExternalDisplayName: 'Bob',
      assigneeExternalSource: 'crm',
    };
    expect(rejection(draft)).toBeUndefined();
  });

  it('rejects what the typed Go SDK cannot receive, after the list', () => {
    expect(rejection({ ...VALID, roiCost: 1.5 })).toBe(
      'roiCost must be an integer',
    );
    expect(rejection({ ...VALID, timestamp: new Date(Number.NaN) })).toBe(
      'timestamp must be a valid Date',
    );
    expect(rejection({ ...VALID, roiCost: 1.5, roiBaseCost: -1 })).toBe(
      'ROIBaseCost cannot be negative',
    );
  });
});
