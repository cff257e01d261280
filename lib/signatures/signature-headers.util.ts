import { OperonDecodeError } from '../errors/operon-decode.error.js';
import { OperonValidationError } from '../errors/operon-validation.error.js';
import { defaultKeyId } from '../utils/signing-algorithm.util.js';
import type { SignAnswer } from './operon-did-requests.util.js';
import {
  OPERON_HEADER_ALGORITHM,
  OPERON_HEADER_DID,
  OPERON_HEADER_KEY_ID,
  OPERON_HEADER_PAYLOAD_HASH,
  OPERON_HEADER_SIGNATURE,
  OPERON_SIGNATURE_HEADER_NAMES,
  type OperonSignatureHeaderName,
} from './signature-headers.constants.js';
import type {
  OperonHeaderInput,
  OperonSignatureHeaders,
} from './signature.interface.js';

/**
 * Longest value accepted for one incoming signature header. Real values
 * are a few hundred characters; the cap keeps a hostile request from
 * making us forward kilobytes of headers to Operon.
 * @internal
 */
export const MAX_SIGNATURE_HEADER_LENGTH = 4096;

const HASH_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Every value given for a header name, matched case-insensitively, over
 * all keys of the map (a map holding `X-Operon-DID` and `x-operon-did`
 * yields both values).
 */
function headerValues(headers: OperonHeaderInput, name: string): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const items: readonly unknown[] = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (typeof item === 'string') values.push(item);
    }
  }
  return values;
}

/**
 * Reads the five headers the way the reference SDK validates them
 * (PROTOCOL §5.3 steps 2–3), values trimmed and stored under their exact
 * names. A repeated header is malformed.
 * @throws {OperonValidationError} with the Go message.
 * @internal
 */
export function readSignatureHeaders(
  headers: OperonHeaderInput | null | undefined,
): OperonSignatureHeaders {
  if (headers === null || headers === undefined) {
    throw new OperonValidationError('operon headers cannot be nil');
  }
  const read = {} as OperonSignatureHeaders;
  for (const name of OPERON_SIGNATURE_HEADER_NAMES) {
    const values = headerValues(headers, name);
    if (values.length > 1) {
      throw new OperonValidationError(`header ${name} must not be repeated`);
    }
    const value = (values[0] ?? '').trim();
    if (!value) throw new OperonValidationError(`header ${name} is required`);
    read[name] = value;
  }
  return read;
}

/**
 * The stricter reading applied to incoming requests: on top of
 * {@link readSignatureHeaders}, every value must fit
 * {@link MAX_SIGNATURE_HEADER_LENGTH} and the hash must be 43 base64url
 * characters. Returns a reason that is safe to log instead of throwing.
 * @internal
 */
export function inspectSignatureHeaders(
  headers: OperonHeaderInput,
): { headers: OperonSignatureHeaders } | { reason: string } {
  let read: OperonSignatureHeaders;
  try {
    read = readSignatureHeaders(headers);
  } catch (error) {
    if (error instanceof OperonValidationError)
      return { reason: error.message };
    throw error;
  }
  const tooLong = OPERON_SIGNATURE_HEADER_NAMES.find(
    (name: OperonSignatureHeaderName) =>
      read[name].length > MAX_SIGNATURE_HEADER_LENGTH,
  );
  if (tooLong) return { reason: `header ${tooLong} is too long` };
  if (!HASH_PATTERN.test(read[OPERON_HEADER_PAYLOAD_HASH])) {
    return {
      reason: `header ${OPERON_HEADER_PAYLOAD_HASH} is not a base64url hash`,
    };
  }
  return { headers: read };
}

/**
 * The five headers from a signing answer (PROTOCOL §5.2 step 8): DID from
 * the token, key ID and algorithm from Operon or defaulted.
 * @throws {OperonDecodeError} when the answer carries no value.
 * @internal
 */
export function buildSignatureHeaders(
  did: string,
  payloadHash: string,
  answer: SignAnswer,
  requested: string,
): OperonSignatureHeaders {
  if (!answer.value) {
    throw new OperonDecodeError(
      'signature value missing from signing response',
      answer.status,
    );
  }
  return {
    [OPERON_HEADER_DID]: did,
    [OPERON_HEADER_PAYLOAD_HASH]: payloadHash,
    [OPERON_HEADER_SIGNATURE]: answer.value,
    [OPERON_HEADER_KEY_ID]: answer.keyId ?? defaultKeyId(did)!,
    [OPERON_HEADER_ALGORITHM]: answer.algorithm ?? requested,
  };
}
