import { OperonDecodeError } from '../errors/operon-decode.error.js';
import { asObject } from '../models/json-read.util.js';
import { clean } from '../utils/strings.util.js';
import type { Signature } from './signature.interface.js';

/**
 * Reads the answer of `POST /v1/dids/self/sign` as Go does (PROTOCOL
 * §3.2): members trimmed, a blank `keyId` absent.
 * @throws {OperonDecodeError} "sign response missing signature" when the
 * algorithm or the value is blank.
 * @internal
 */
export function readSignResponse(body: unknown, status: number): Signature {
  const signature = asObject(asObject(body).signature);
  const algorithm = clean(signature.algorithm);
  const value = clean(signature.value);
  if (!algorithm || !value) {
    throw new OperonDecodeError('sign response missing signature', status);
  }
  const keyId = clean(signature.keyId);

  return keyId ? { algorithm, value, keyId } : { algorithm, value };
}
