import { describe, expect, it } from 'vitest';
import {
  canonicalAlgorithm,
  hashPayload,
  OperonValidationError,
  SIGNING_ALGORITHMS,
} from '../../lib/index.js';
import {
  clean,
  cleanList,
  firstNonBlank,
  segment,
} from '../../lib/utils/strings.util.js';
import {
  checkPayloadHash,
  payloadBytes,
  resolvePayloadHash,
} from '../../lib/utils/payload.util.js';
import { defaultKeyId } from '../../lib/utils/signing-algorithm.util.js';

describe('strings.util', () => {
  it('clean trims and turns blanks and non-strings into undefined', () => {
    expect(clean('  a b  ')).toBe('a b');
    expect(clean(' \t\n ')).toBeUndefined();
    expect(clean('')).toBeUndefined();
    expect(clean(5)).toBeUndefined();
    expect(clean(null)).toBeUndefined();
  });

  it('firstNonBlank returns the first usable value, trimmed', () => {
    expect(firstNonBlank(undefined, '  ', ' b ', 'c')).toBe('b');
    expect(firstNonBlank(undefined, ' ')).toBeUndefined();
    expect(firstNonBlank()).toBeUndefined();
  });

  it('cleanList trims items and drops blanks and non-strings', () => {
    expect(cleanList([' a ', '', 1, null, 'b', '  '])).toEqual(['a', 'b']);
    expect(cleanList('a')).toEqual([]);
    expect(cleanList(undefined)).toEqual([]);
  });

  // PROTOCOL §11.6, encodeURIComponent column.
  it.each([
    ['did:operon:demo', 'did%3Aoperon%3Ademo'],
    ['wstr-abc', 'wstr-abc'],
    ['wstr 1/2', 'wstr%201%2F2'],
  ])('segment(%j) = %j', (input, expected) => {
    expect(segment(input)).toBe(expected);
  });
});

describe('payload.util (PROTOCOL §4.3, §11.1, §11.2)', () => {
  it.each([
    ['{"foo":"bar"}', 'eji_gfOD9pQzrW6QDTWz4jhVk_dqe3q11DVbi6Qe4ks'],
    ['', '47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU'],
    ['hello', 'LPJNul-wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ'],
    ['hello world', 'uU0nuZNNPgilLlLX2n2r-sSE7-N6U4DukIj3rOLvzek'],
    ['payload', 'I59Z7VXnN8dxR89VrQwbAwttfudIp0JpUvm4UtWpNeU'],
    ['{"demo":true}', 'RsDyO7PyFmuqydzMdvy8Z7PLrZAdsOnKAZkvvXQtJCU'],
    ['{"x":1}', 'UEG_H3E98gR4Q1PoL2pKU1kxy2Tx9LSlrq_8tyCRiyI'],
    ['{"message":"hello"}', 'my1Dr_v0mjZwKN8uFBT4TA4JmsmMPVSoqAFX_XdxryU'],
  ])('hashPayload(%j) = %s', (payload, expected) => {
    expect(hashPayload(payload)).toBe(expected);
    expect(hashPayload(Buffer.from(payload))).toBe(expected);
  });

  it('payloadBytes: strings, bytes, objects; empty and nullish are absent', () => {
    expect(payloadBytes('hi')).toEqual(Buffer.from('hi'));
    expect(payloadBytes(new Uint8Array([1, 2]))).toEqual(Buffer.from([1, 2]));
    const view = new Uint8Array([9, 1, 2, 9]).subarray(1, 3);
    expect(payloadBytes(view)).toEqual(Buffer.from([1, 2]));
    expect(payloadBytes({ foo: 'bar' })).toEqual(Buffer.from('{"foo":"bar"}'));
    expect(payloadBytes('')).toBeUndefined();
    expect(payloadBytes(new Uint8Array())).toBeUndefined();
    expect(payloadBytes(undefined)).toBeUndefined();
    expect(payloadBytes(null)).toBeUndefined();
    expect(() => payloadBytes(42)).toThrow(OperonValidationError);
  });

  it('an object payload hashes as its JSON.stringify bytes', () => {
    expect(resolvePayloadHash({ foo: 'bar' }, undefined)).toBe(
      'eji_gfOD9pQzrW6QDTWz4jhVk_dqe3q11DVbi6Qe4ks',
    );
  });

  it.each([
    ['a'.repeat(43), undefined],
    ['hAsnFFCtdjc0TjjQWL0LyKHwnz5rZsschA1YWUVUcB4', undefined],
    ['  ' + 'a'.repeat(43) + ' ', undefined],
    ['short', 'payload hash must be 43 characters, got 5'],
    [
      'a'.repeat(42) + '+',
      'payload hash must be base64url encoded: illegal character',
    ],
    [
      'a'.repeat(42) + '#',
      'payload hash must be base64url encoded: illegal character',
    ],
    ['', 'payload bytes or payload hash is required'],
    ['   ', 'payload bytes or payload hash is required'],
  ])('checkPayloadHash(%j) → %s', (hash, error) => {
    if (error === undefined) {
      expect(checkPayloadHash(hash)).toBe(hash.trim());
    } else {
      expect(() => checkPayloadHash(hash)).toThrow(OperonValidationError);
      expect(() => checkPayloadHash(hash)).toThrow(error);
    }
  });

  it('resolvePayloadHash prefers the computed hash and checks a given one', () => {
    const hash = 'eji_gfOD9pQzrW6QDTWz4jhVk_dqe3q11DVbi6Qe4ks';
    expect(resolvePayloadHash('{"foo":"bar"}', hash.toUpperCase())).toBe(hash);
    expect(resolvePayloadHash('', hash)).toBe(hash);
    expect(() => resolvePayloadHash('hello', hash)).toThrow(
      'provided payload hash does not match payload content: expected ' +
        `LPJNul-wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ got ${hash}`,
    );
    expect(() => resolvePayloadHash(undefined, undefined)).toThrow(
      'payload bytes or payload hash is required',
    );
  });
});

describe('signing-algorithm.util (PROTOCOL §9, §11.3)', () => {
  it.each([
    ['EdDSA', 'EdDSA'],
    ['eddsa', 'EdDSA'],
    [' EDDSA ', 'EdDSA'],
    ['es256', 'ES256'],
    ['es256k', 'ES256K'],
    ['Es256K', 'ES256K'],
    ['', undefined],
    ['  ', undefined],
    [undefined, undefined],
    ['RS256', undefined],
    ['ES256 K', undefined],
  ])('canonicalAlgorithm(%j) = %j', (input, expected) => {
    expect(canonicalAlgorithm(input)).toBe(expected);
  });

  it('lists the three algorithms in canonical spelling', () => {
    expect([...SIGNING_ALGORITHMS]).toEqual(['EdDSA', 'ES256', 'ES256K']);
  });

  it.each([
    ['did:operon:demo', 'did:operon:demo#keys-1'],
    ['did:example:source', 'did:example:source#keys-1'],
    [' did:operon:x ', 'did:operon:x#keys-1'],
    ['', undefined],
    ['  ', undefined],
    [undefined, undefined],
  ])('defaultKeyId(%j) = %j', (did, expected) => {
    expect(defaultKeyId(did)).toBe(expected);
  });
});
