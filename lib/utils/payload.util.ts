import { hash } from 'node:crypto';
import { OperonValidationError } from '../errors/operon-validation.error.js';
import { clean } from './strings.util.js';

/**
 * A business payload: bytes, a string (hashed as UTF-8) or a plain object
 * (hashed as the exact bytes of `JSON.stringify(object)`).
 * @publicApi
 */
export type OperonPayload = Uint8Array | string | object;

const HASH_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The bytes that are hashed for a payload; `undefined` for no payload.
 * Zero-length payloads count as absent (Go reference, PROTOCOL §10.2 #9).
 * @internal
 */
export function payloadBytes(payload: unknown): Buffer | undefined {
  if (payload === undefined || payload === null) return undefined;
  let bytes: Buffer;
  if (Buffer.isBuffer(payload)) bytes = payload;
  else if (payload instanceof Uint8Array) {
    bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.length);
  } else if (typeof payload === 'string') bytes = Buffer.from(payload, 'utf8');
  else if (typeof payload === 'object') {
    bytes = Buffer.from(JSON.stringify(payload), 'utf8');
  } else {
    throw new OperonValidationError(
      'payload must be bytes, a string or a plain object',
    );
  }
  return bytes.length === 0 ? undefined : bytes;
}

/**
 * SHA-256 of the bytes, base64url without padding: always 43 characters.
 * @publicApi
 */
export function hashPayload(bytes: Uint8Array | string): string {
  // One-shot `hash()`: no Hash object per call (Node ≥ 20.12).
  return hash('sha256', bytes, 'base64url');
}

/**
 * Checks the format of a caller-supplied payload hash (PROTOCOL §4.3) and
 * returns it trimmed.
 * @throws {OperonValidationError} when blank, not 43 long or not base64url.
 * @internal
 */
export function checkPayloadHash(
  hash: string | undefined,
  blankMessage = 'payload bytes or payload hash is required',
): string {
  const trimmed = clean(hash);
  if (!trimmed) throw new OperonValidationError(blankMessage);
  if (trimmed.length !== 43) {
    throw new OperonValidationError(
      `payload hash must be 43 characters, got ${trimmed.length}`,
    );
  }
  if (!HASH_PATTERN.test(trimmed)) {
    throw new OperonValidationError(
      'payload hash must be base64url encoded: illegal character',
    );
  }
  return trimmed;
}

/**
 * Resolves the hash to send for a payload and/or a supplied hash: the
 * computed one when there is a payload (checked against a supplied hash,
 * ignoring case), else the checked supplied hash.
 * @throws {OperonValidationError}
 * @internal
 */
export function resolvePayloadHash(
  payload: unknown,
  suppliedHash: string | undefined,
): string {
  const bytes = payloadBytes(payload);
  if (!bytes) return checkPayloadHash(suppliedHash);
  const computed = hashPayload(bytes);
  const given = clean(suppliedHash);
  if (given && given.toLowerCase() !== computed.toLowerCase()) {
    throw new OperonValidationError(
      'provided payload hash does not match payload content: ' +
        `expected ${computed} got ${given}`,
    );
  }
  return computed;
}
