import { describe, expect, it } from 'vitest';
import {
  buildTransactionBody,
  OperonValidationError,
  toTransactionDraft,
  type TransactionDraft,
} from '../../lib/index.js';

const HASH = 'eji_gfOD9pQzrW6QDTWz4jhVk_dqe3q11DVbi6Qe4ks';
const DRAFT: TransactionDraft = {
  correlationId: 'corr-1',
  workstreamId: 'wstr-1',
  interactionId: 'intr-1',
  timestamp: new Date(Date.UTC(2026, 1, 9, 12, 34, 56, 120)),
  sourceDid: 'did:operon:src',
  targetDid: 'did:operon:dst',
  payloadHash: HASH,
  signature: { algorithm: 'EdDSA', value: 'c2ln', keyId: ' ' },
};

describe('buildTransactionBody', () => {
  it('emits only the required members for a minimal draft', () => {
    expect(JSON.stringify(buildTransactionBody(DRAFT))).toBe(
      '{"correlationId":"corr-1","workstreamId":"wstr-1",' +
        '"interactionId":"intr-1","timestamp":"2026-02-09T12:34:56.120Z",' +
        '"sourceDid":"did:operon:src","targetDid":"did:operon:dst",' +
        '"signature":{"algorithm":"EdDSA","value":"c2ln"},' +
        `"payloadHash":"${HASH}"}`,
    );
  });

  it('keeps non-zero ROI integers (negative cost too) and a zero active time', () => {
    const body = buildTransactionBody({
      ...DRAFT,
      roiCost: -3,
      roiTime: 0,
      activeTimeSeconds: 0,
      roiCostSaving: 4,
      roiTimeSaving: 0,
      state: ' Shipped ',
      stateLabel: '',
      tags: ['a', ' b '],
    });
    expect(body).toMatchObject({
      roiCost: -3,
      activeTimeSeconds: 0,
      roiCostSaving: 4,
      state: 'Shipped',
      tags: ['a', 'b'],
    });
    for (const absent of ['roiTime', 'roiTimeSaving', 'stateLabel']) {
      expect(body).not.toHaveProperty(absent);
    }
  });

  it('defaults the timestamp to now', () => {
    const before = Date.now();
    const { timestamp } = buildTransactionBody({
      ...DRAFT,
      timestamp: undefined,
    });
    expect(Date.parse(timestamp)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(timestamp)).toBeLessThanOrEqual(Date.now());
  });
});

describe('toTransactionDraft', () => {
  it('hashes the payload, folds channelId and cleans label and tags', () => {
    const draft = toTransactionDraft({
      correlationId: 'c',
      interactionId: 'i',
      channelId: ' chnl-1 ',
      payload: { foo: 'bar' },
      label: ' Demo ',
      tags: [' env:demo ', '', ' '],
    });
    expect(draft).toMatchObject({
      workstreamId: 'chnl-1',
      payloadHash: HASH,
      label: 'Demo',
      tags: ['env:demo'],
    });
    expect(draft).not.toHaveProperty('payload');
    expect(draft).not.toHaveProperty('channelId');
  });

  it('prefers workstreamId over channelId', () => {
    const draft = toTransactionDraft({
      correlationId: 'c',
      interactionId: 'i',
      workstreamId: 'wstr-1',
      channelId: 'chnl-1',
      payloadHash: HASH,
    });
    expect(draft.workstreamId).toBe('wstr-1');
  });

  it('rejects a payload that is neither bytes, text nor an object', () => {
    expect(() =>
      toTransactionDraft({
        correlationId: 'c',
        interactionId: 'i',
        payload: 42 as never,
      }),
    ).toThrow(OperonValidationError);
  });
});
