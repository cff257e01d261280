import { OperonValidationError } from '../errors/operon-validation.error.js';

/**
 * The exact bytes of a payload to sign or verify. Unlike transaction
 * payloads, an empty payload is a payload here (PROTOCOL §5.2 step 3).
 * @throws {OperonValidationError} when the payload is missing or of
 *   another type.
 * @internal
 */
export function signatureBytes(payload: unknown): Buffer {
  if (typeof payload === 'string') return Buffer.from(payload, 'utf8');
  if (Buffer.isBuffer(payload)) return payload;
  if (payload instanceof Uint8Array) {
    return Buffer.from(payload.buffer, payload.byteOffset, payload.length);
  }
  if (payload === undefined || payload === null) {
    throw new OperonValidationError(
      'payload bytes or payload hash is required',
    );
  }
  throw new OperonValidationError('payload must be bytes or a string');
}
