import {
  OPERON_HEADER_ALGORITHM,
  OPERON_HEADER_DID,
  OPERON_HEADER_KEY_ID,
  OPERON_HEADER_PAYLOAD_HASH,
  OPERON_HEADER_SIGNATURE,
} from '../signatures/signature-headers.constants.js';
import type {
  OperonSignatureHeaders,
  OperonSignatureVerification,
} from '../signatures/signature.interface.js';
import type { OperonDidDocument } from './did-document.interface.js';
import { parseJws, verifyParsedJws } from './jws.util.js';
import { OperonDidError, type OperonDidErrorKind } from './operon-did.error.js';

/**
 * Message of a local verification result.
 * @internal
 */
export const LOCAL_VERIFICATION_MESSAGE = 'Signature verified locally';

// Resolver answers that speak about the sender's DID itself.
const ABOUT_THE_DID = new Set<OperonDidErrorKind>([
  'invalid_did',
  'unsupported_method',
  'not_found',
]);

/**
 * Verifies the five headers without Operon, as its verify endpoint does
 * (PROTOCOL §13.2): the JWS header names the same algorithm and key as the
 * headers, the key belongs to the sender's DID, the JWS payload is the
 * payload hash, and the signature holds with the key published in the
 * sender's DID document. Cheap checks run before the DID is resolved.
 * @param payloadHash the hash computed from the received bytes.
 * @throws {OperonDidError}
 * @internal
 */
export async function verifyHeadersLocally(
  headers: OperonSignatureHeaders,
  payloadHash: string,
  resolve: (did: string) => Promise<OperonDidDocument>,
): Promise<OperonSignatureVerification> {
  const did = headers[OPERON_HEADER_DID];
  const algorithm = headers[OPERON_HEADER_ALGORITHM];
  const keyId = headers[OPERON_HEADER_KEY_ID];
  const jws = parseJws(headers[OPERON_HEADER_SIGNATURE]);
  if (jws.alg !== algorithm || jws.kid !== keyId) {
    throw fail('verify_failed', 'JWS header does not match the key headers');
  }
  if (!keyId.startsWith(`${did}#`)) {
    throw fail('key_not_found', `key ${keyId} is not a key of ${did}`);
  }
  if (jws.payload !== payloadHash) {
    throw fail('verify_failed', 'JWS payload is not the payload hash');
  }

  verifyParsedJws(jws, await resolve(did));
  return {
    status: 'VALID',
    message: LOCAL_VERIFICATION_MESSAGE,
    did,
    payloadHash: headers[OPERON_HEADER_PAYLOAD_HASH],
    algorithm,
    keyId,
  };
}

/**
 * Whether a local verification failure condemns the request (the
 * signature, its key or the sender's DID is wrong), as opposed to the
 * resolver being unreachable or answering nonsense.
 * @internal
 */
export function isSignatureFault(error: OperonDidError): boolean {
  return error.source === 'jws' || ABOUT_THE_DID.has(error.kind);
}

function fail(kind: OperonDidErrorKind, detail: string): OperonDidError {
  return new OperonDidError({ kind, source: 'jws', detail });
}
