import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  OperonApiError,
  OperonConfigurationError,
  OperonDecodeError,
  OperonError,
  OperonTransportError,
  OperonValidationError,
} from '../../lib/index.js';
import { describeError } from '../../lib/errors/index.js';
import {
  retryAfterMs,
  transportErrorFrom,
} from '../../lib/http/operon-error.mapper.js';
import { isRetryable, retryDelayMs } from '../../lib/http/retry-policy.util.js';

describe('error family', () => {
  it('every error is an OperonError and an Error with its own name', () => {
    const errors: Array<[OperonError, string]> = [
      [new OperonConfigurationError('c'), 'OperonConfigurationError'],
      [new OperonValidationError('v'), 'OperonValidationError'],
      [new OperonApiError({ status: 400, message: 'm' }), 'OperonApiError'],
      [
        new OperonTransportError({ method: 'GET', path: '/p' }),
        'OperonTransportError',
      ],
      [new OperonDecodeError('d', 200), 'OperonDecodeError'],
    ];
    for (const [error, name] of errors) {
      expect(error).toBeInstanceOf(OperonError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(name);
      expect(String(error)).toBe(`${name}: ${error.message}`);
      expect(error.stack).toContain(name);
    }
  });

  it('OperonApiError formats Go-style messages and keeps its fields', () => {
    const error = new OperonApiError({
      status: 401,
      message: 'invalid credentials',
      code: 'INVALID_CLIENT',
      details: { hint: 'x' },
      method: 'POST',
      path: '/oauth2/token',
      requestId: 'req-1',
      retryAfterMs: 5000,
    });
    expect(error.message).toBe('operon: invalid credentials (INVALID_CLIENT)');
    expect(error).toMatchObject({
      status: 401,
      code: 'INVALID_CLIENT',
      details: { hint: 'x' },
      method: 'POST',
      path: '/oauth2/token',
      requestId: 'req-1',
      retryAfterMs: 5000,
    });
    expect(new OperonApiError({ status: 500, message: 'x' }).message).toBe(
      'operon: x',
    );
  });

  it('OperonTransportError says timed out or failed and keeps the cause', () => {
    const cause = new Error('socket hang up');
    const failed = new OperonTransportError({
      method: 'GET',
      path: '/v1/x',
      code: 'ECONNRESET',
      cause,
    });
    expect(failed.message).toBe(
      'operon: request GET /v1/x failed: socket hang up',
    );
    expect(failed.timedOut).toBe(false);
    expect(failed.cause).toBe(cause);
    const timedOut = new OperonTransportError({
      method: 'POST',
      path: '/t',
      timedOut: true,
    });
    expect(timedOut.message).toBe('operon: request POST /t timed out');
    expect(timedOut.timedOut).toBe(true);
  });

  it('OperonDecodeError keeps the status', () => {
    const error = new OperonDecodeError('decode response: x', 200);
    expect(error.message).toBe('operon: decode response: x');
    expect(error.status).toBe(200);
  });
});

describe('transportErrorFrom', () => {
  it('keeps only name, message and code of the source error', () => {
    const axiosLike = Object.assign(new Error('read ECONNRESET'), {
      code: 'ECONNRESET',
      config: { headers: { Authorization: 'Bearer SECRET-TOKEN' } },
      request: { _header: 'Authorization: Bearer SECRET-TOKEN' },
    });
    const error = transportErrorFrom(axiosLike, 'GET', '/v1/x');
    expect(error.code).toBe('ECONNRESET');
    expect(error.timedOut).toBe(false);
    expect(error.cause).not.toBe(axiosLike);
    expect((error.cause as Error).message).toBe('read ECONNRESET');
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(
      'SECRET-TOKEN',
    );
  });

  it.each([
    ['ECONNABORTED', true],
    ['ETIMEDOUT', true],
    ['ECONNREFUSED', false],
    [undefined, false],
  ])('code %s → timedOut %s', (code, timedOut) => {
    const source = Object.assign(new Error('x'), { code });
    expect(transportErrorFrom(source, 'GET', '/').timedOut).toBe(timedOut);
  });

  it('reports the client deadline as a timeout, whatever the source says', () => {
    const canceled = Object.assign(new Error('canceled'), {
      code: 'ERR_CANCELED',
    });
    const error = transportErrorFrom(canceled, 'GET', '/slow', 250);
    expect(error.timedOut).toBe(true);
    expect(error.code).toBe('ECONNABORTED');
    expect(error.message).toBe(
      'operon: request GET /slow timed out: timeout of 250ms exceeded',
    );
  });

  it('survives thrown non-errors', () => {
    const error = transportErrorFrom('boom', 'GET', '/');
    expect(error.message).toBe('operon: request GET / failed: network error');
  });
});

describe('describeError', () => {
  it('gives name, status, code and message on one line', () => {
    const api = new OperonApiError({
      status: 503,
      message: 'busy',
      code: 'UNAVAILABLE',
    });
    expect(describeError(api)).toBe(
      'OperonApiError 503 UNAVAILABLE: operon: busy (UNAVAILABLE)',
    );
    expect(describeError(new TypeError('bad'))).toBe('TypeError: bad');
    expect(describeError('plain')).toBe('plain');
    expect(describeError(undefined)).toBe('undefined');
  });

  it('never includes config or headers of the error', () => {
    const error = Object.assign(new Error('failed'), {
      config: { headers: { Authorization: 'Basic c2VjcmV0' } },
    });
    expect(describeError(error)).toBe('Error: failed');
  });

  it('caps the length and never throws', () => {
    expect(describeError(new Error('x'.repeat(5000))).length).toBe(2001);
    const hostile = {
      toString() {
        throw new Error('nope');
      },
    };
    expect(describeError(hostile)).toBe('unknown error');
  });
});

describe('retryAfterMs', () => {
  afterEach(() => vi.useRealTimers());

  it.each([
    ['0', 0],
    ['5', 5000],
    ['1.5', 1500],
    ['-3', 0],
    ['', undefined],
    [undefined, undefined],
    ['soon', undefined],
  ])('retryAfterMs(%j) = %j', (value, expected) => {
    expect(retryAfterMs(value)).toBe(expected);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-02-09T12:00:00Z'));
    expect(retryAfterMs('Mon, 09 Feb 2026 12:00:07 GMT')).toBe(7000);
    expect(retryAfterMs('Mon, 09 Feb 2026 11:00:00 GMT')).toBe(0);
  });
});

describe('retry policy', () => {
  const api = (status: number, retryAfter?: number) =>
    new OperonApiError({ status, message: 'x', retryAfterMs: retryAfter });

  it.each([
    [429, true],
    [502, true],
    [503, true],
    [504, true],
    [500, false],
    [400, false],
    [401, false],
    [404, false],
    [409, false],
  ])('status %i retryable: %s', (status, expected) => {
    expect(isRetryable(api(status))).toBe(expected);
  });

  it('retries transport errors, never decode or other errors', () => {
    expect(
      isRetryable(new OperonTransportError({ method: 'GET', path: '/' })),
    ).toBe(true);
    expect(isRetryable(new OperonDecodeError('x', 200))).toBe(false);
    expect(isRetryable(new Error('x'))).toBe(false);
  });

  const policy = { retries: 5, minDelayMs: 100, maxDelayMs: 1000 };

  it('backs off exponentially with jitter within [ceiling/2, ceiling]', () => {
    for (const [attempt, ceiling] of [
      [0, 100],
      [1, 200],
      [2, 400],
      [3, 800],
      [4, 1000],
    ] as const) {
      for (const random of [0, 0.5, 0.999]) {
        vi.spyOn(Math, 'random').mockReturnValue(random);
        const delay = retryDelayMs(policy, attempt, api(503));
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
        vi.restoreAllMocks();
      }
    }
  });

  it('honours a longer Retry-After, capped at maxDelayMs', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(retryDelayMs(policy, 0, api(503, 700))).toBe(700);
    expect(retryDelayMs(policy, 0, api(429, 3_600_000))).toBe(1000);
    expect(retryDelayMs(policy, 0, api(503, 0))).toBe(50);
    vi.restoreAllMocks();
  });
});
