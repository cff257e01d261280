import { describe, expect, it } from 'vitest';
import {
  readRawBody,
  readSignatureHeaderValues,
  type IncomingRequest,
} from '../../lib/guards/incoming-request.util.js';
import {
  readCookie,
  readSessionToken,
} from '../../lib/guards/session-token.util.js';

const req = (extra: Partial<IncomingRequest>): IncomingRequest => ({
  headers: {},
  ...extra,
});

describe('readSessionToken', () => {
  it.each([
    [{ authorization: 'Bearer abc' }, undefined, 'abc'],
    [{ authorization: 'bearer   abc  ' }, undefined, 'abc'],
    [{ authorization: 'Basic abc' }, undefined, undefined],
    [{ authorization: 'Bearer ' }, undefined, undefined],
    [{ cookie: 'pat=abc' }, undefined, undefined],
    [{ cookie: 'x=1; pat="a%2Bb"; y=2' }, 'pat', 'a+b'],
    [{ authorization: 'Bearer h', cookie: 'pat=c' }, 'pat', 'h'],
    [{ authorization: 'Basic x', cookie: 'pat=c' }, 'pat', 'c'],
  ])('%o with cookie %s → %s', (headers, cookie, expected) => {
    expect(readSessionToken(req({ headers }), cookie)).toBe(expected);
  });

  it('keeps a value that is not valid percent-encoding', () => {
    expect(readCookie('pat=a%zz', 'pat')).toBe('a%zz');
    expect(readCookie('xpat=1; pat=', 'pat')).toBeUndefined();
  });
});

describe('readSignatureHeaderValues', () => {
  it('keeps repeats visible from the raw header list', () => {
    const headers = readSignatureHeaderValues(
      req({
        rawHeaders: ['X-OPERON-DID', 'a', 'x-operon-did', 'b', 'Host', 'h'],
        headers: { 'x-operon-did': 'a, b' },
      }),
    );
    expect(headers).toEqual({ 'X-Operon-DID': ['a', 'b'] });
  });

  it('falls back to the parsed headers', () => {
    const headers = readSignatureHeaderValues(
      req({ headers: { 'x-operon-signature': 'sig' } }),
    );
    expect(headers['X-Operon-Signature']).toBe('sig');
  });
});

describe('readRawBody', () => {
  it.each([
    [{ rawBody: Buffer.from('x') }, 'body'],
    [{ rawBody: new Uint8Array([1]) }, 'body'],
    [{ headers: {} }, 'body'],
    [{ headers: { 'content-length': '0' } }, 'body'],
    [
      {
        headers: { 'content-length': '3', 'content-type': 'application/json' },
      },
      'misconfigured',
    ],
    [
      {
        headers: {
          'transfer-encoding': 'chunked',
          'content-type': 'Application/X-WWW-Form-Urlencoded; charset=utf-8',
        },
      },
      'misconfigured',
    ],
    [
      { headers: { 'content-length': '3', 'content-type': 'text/plain' } },
      'unsupported',
    ],
  ])('%o → %s', (extra, outcome) => {
    const read = readRawBody(req(extra));
    expect('body' in read ? 'body' : read.problem).toBe(outcome);
  });
});
