import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import {
  hashPayload,
  OperonApiError,
  OperonConfigurationError,
  OperonDecodeError,
  OperonTransportError,
  OperonValidationError,
  type TransactionRequest,
} from '../../lib/index.js';
import {
  isPermanentSubmissionError,
  toQueuedTransaction,
  transactionJobId,
} from '../../lib/queue/index.js';
import { toJobError } from '../../lib/queue/jobs/job-failure.util.js';
import { fromQueuedTransaction } from '../../lib/queue/jobs/queued-transaction.util.js';

const NOW = new Date('2026-02-09T12:34:56.120Z');
const base: TransactionRequest = {
  correlationId: 'order-1',
  interactionId: 'intr-1',
  payload: 'the secret payload',
};
const queued = (patch: Partial<TransactionRequest>, selfSign = true) =>
  toQueuedTransaction({ ...base, ...patch }, selfSign, NOW);
const api = (status: number) =>
  new OperonApiError({ status, message: `status ${status}` });

describe('transactionJobId', () => {
  it('is stable, per workstream, and free of ":"', () => {
    const id = transactionJobId('order:1', 'wstr:a');
    expect(id).toBe(transactionJobId(' order:1 ', 'wstr:a '));
    expect(id).not.toBe(transactionJobId('order:1', 'wstr:b'));
    expect(id).not.toBe(transactionJobId('order:1'));
    expect(id).toMatch(/^tx-[A-Za-z0-9_-]{43}$/);
  });

  it('does not confuse the two parts', () => {
    expect(transactionJobId('b', 'a')).not.toBe(transactionJobId('a', 'b'));
  });
});

describe('toQueuedTransaction', () => {
  it('keeps the hash, drops the payload and fixes the timestamp', () => {
    const data = queued({ tags: [' a ', ''], label: ' l ' });
    expect(data).toEqual({
      correlationId: 'order-1',
      interactionId: 'intr-1',
      payloadHash: hashPayload('the secret payload'),
      timestamp: NOW.toISOString(),
      tags: ['a'],
      label: 'l',
    });
    expect(JSON.stringify(data)).not.toContain('secret');
  });

  it('keeps a given timestamp and folds channelId into workstreamId', () => {
    const at = new Date('2025-01-01T00:00:00.000Z');
    const data = queued({ timestamp: at, channelId: 'wstr-legacy' });
    expect(data.timestamp).toBe(at.toISOString());
    expect(data.workstreamId).toBe('wstr-legacy');
    expect(data).not.toHaveProperty('channelId');
    expect(fromQueuedTransaction(data).timestamp).toEqual(at);
  });

  it('accepts a hash alone', () => {
    const payloadHash = hashPayload('x');
    const data = queued({ payload: undefined, payloadHash });
    expect(data.payloadHash).toBe(payloadHash);
  });

  it.each([
    [{ correlationId: ' ' }, 'CorrelationID is required'],
    [{ interactionId: '' }, 'InteractionID is required'],
    [{ payload: undefined }, 'payload bytes or payload hash is required'],
    [
      { payload: undefined, payloadHash: 'abc' },
      'payload hash must be 43 characters, got 3',
    ],
    [
      { payloadHash: hashPayload('other') },
      'provided payload hash does not match payload content',
    ],
    [{ sourceDid: 'supplier' }, 'SourceDID must be a valid DID'],
    [{ targetDid: 'buyer' }, 'TargetDID must be a valid DID'],
    [
      { roiClassification: 'bogus' as never },
      'ROIClassification must be one of baseline, increment, savings',
    ],
    [{ activeTimeSeconds: -1 }, 'ActiveTimeSeconds cannot be negative'],
    [
      { actorExternalId: 'u1' },
      'ActorExternalSource is required when ActorExternalID',
    ],
    [{ timestamp: new Date('nope') }, 'timestamp'],
  ])('refuses %j before enqueueing', (patch, message) => {
    const call = () => queued(patch as Partial<TransactionRequest>);
    expect(call).toThrow(OperonValidationError);
    expect(call).toThrow(message);
  });

  it('needs a signature when Operon will not sign', () => {
    expect(() => queued({}, false)).toThrow('Signature algorithm is required');
    const signature = { algorithm: 'EdDSA', value: 'sig' };
    expect(queued({ signature }, false).signature).toEqual(signature);
  });

  it('refuses what is not a request', () => {
    const call = () => toQueuedTransaction(null as never);
    expect(call).toThrow(OperonValidationError);
  });
});

describe('failure classification', () => {
  it.each([
    [new OperonValidationError('x'), true],
    [new OperonConfigurationError('x'), true],
    [api(400), true],
    [api(401), true],
    [api(404), true],
    [api(409), true],
    [api(408), false],
    [api(429), false],
    [api(500), false],
    [api(503), false],
    [new OperonTransportError({ method: 'POST', path: '/x' }), false],
    [new OperonDecodeError('bad body', 200), false],
    [new Error('boom'), false],
  ])('%s is permanent: %s', (error, permanent) => {
    expect(isPermanentSubmissionError(error)).toBe(permanent);
    const thrown = toJobError(error);
    expect(thrown instanceof UnrecoverableError).toBe(permanent);
    expect(thrown.operon?.permanent).toBe(permanent);
  });

  it('throws a fresh error with a safe description', () => {
    const original = new OperonApiError({
      status: 409,
      code: 'CORRELATION_CONFLICT',
      message: 'conflict',
    });
    const thrown = toJobError(original);
    expect(thrown).not.toBe(original);
    expect(thrown.cause).toBeUndefined();
    expect(thrown.message).toBe(
      'OperonApiError 409 CORRELATION_CONFLICT: operon: conflict ' +
        '(CORRELATION_CONFLICT)',
    );
    expect(thrown.operon).toEqual({
      name: 'OperonApiError',
      message: thrown.message,
      status: 409,
      code: 'CORRELATION_CONFLICT',
      permanent: true,
    });
  });
});
