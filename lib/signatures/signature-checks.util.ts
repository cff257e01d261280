import { OperonApiError } from '../errors/operon-api.error.js';
import { OperonError } from '../errors/operon.error.js';
import { OperonValidationError } from '../errors/operon-validation.error.js';
import { describeError } from '../errors/describe-error.util.js';
import { isSignatureFault } from '../dids/local-verification.util.js';
import { OperonDidError } from '../dids/operon-did.error.js';
import { hashPayload } from '../utils/payload.util.js';
import {
  OPERON_HEADER_DID,
  OPERON_HEADER_PAYLOAD_HASH,
} from './signature-headers.constants.js';
import {
  inspectSignatureHeaders,
  readSignatureHeaders,
} from './signature-headers.util.js';
import { signatureBytes } from './signature-payload.util.js';
import type {
  OperonHeaderInput,
  OperonSignatureCheck,
  OperonSignatureHeaders,
  OperonSignatureVerification,
} from './signature.interface.js';

/**
 * Sends the verification to whoever checks it: Operon's E9 (remote mode)
 * or the local JWS check, which reuses the hash computed from the bytes.
 * @internal
 */
export type VerifySender = (
  payload: Buffer,
  headers: OperonSignatureHeaders,
  payloadHash: string,
) => Promise<OperonSignatureVerification>;

// Operon refusing *our* token, timing out or throttling us says nothing
// about the sender's signature: those mean "cannot check right now".
const NOT_ABOUT_THE_SIGNATURE = new Set([401, 403, 408, 429]);

/**
 * The reference validation (PROTOCOL §5.3): headers present, payload hash
 * equal ignoring case, then the remote check.
 * @throws {OperonValidationError} with the Go messages, or what `send`
 *   throws.
 * @internal
 */
export async function validateSignature(
  payload: unknown,
  headers: OperonHeaderInput,
  send: VerifySender,
): Promise<OperonSignatureVerification> {
  const read = readSignatureHeaders(headers);
  const bytes = signatureBytes(payload);
  const computed = hashPayload(bytes);
  const given = read[OPERON_HEADER_PAYLOAD_HASH];
  if (computed.toLowerCase() !== given.toLowerCase()) {
    throw new OperonValidationError(
      `payload hash mismatch: expected ${computed}, got ${given}`,
    );
  }
  return send(bytes, read, computed);
}

/**
 * The strict check of an incoming request. Bad input and Operon's verdict
 * become an outcome, never an exception; only programming errors throw.
 * @internal
 */
export async function checkIncomingSignature(
  payload: Buffer,
  headers: OperonHeaderInput,
  send: VerifySender,
): Promise<OperonSignatureCheck> {
  const inspected = inspectSignatureHeaders(headers);
  if ('reason' in inspected) return rejected(inspected.reason);
  const read = inspected.headers;
  const computed = hashPayload(payload);
  // Exact comparison: a hash differing in letter case is another hash.
  if (computed !== read[OPERON_HEADER_PAYLOAD_HASH]) {
    return rejected('payload hash mismatch');
  }

  let verification: OperonSignatureVerification;
  try {
    verification = await send(payload, read, computed);
  } catch (error) {
    return outcomeOf(error);
  }
  if (verification.status.trim().toUpperCase() !== 'VALID') {
    return rejected('operon did not report the signature as VALID');
  }
  return { valid: true, senderDid: read[OPERON_HEADER_DID], verification };
}

function rejected(reason: string): OperonSignatureCheck {
  return { valid: false, kind: 'rejected', reason };
}

function outcomeOf(error: unknown): OperonSignatureCheck {
  if (
    error instanceof OperonApiError &&
    error.status < 500 &&
    !NOT_ABOUT_THE_SIGNATURE.has(error.status)
  ) {
    // The code only: Operon's message may quote the expected hash.
    const code = error.code ? ` ${error.code}` : '';
    return rejected(`operon rejected the signature: ${error.status}${code}`);
  }
  if (error instanceof OperonDidError && isSignatureFault(error)) {
    return rejected(`local verification failed: ${error.message}`);
  }
  if (error instanceof OperonError) {
    return { valid: false, kind: 'unavailable', reason: describeError(error) };
  }
  throw error;
}
