import type { OperonSignatureHeaderName } from './signature-headers.constants.js';

/**
 * A payload that can be signed or verified: bytes, or a string hashed as
 * its UTF-8 bytes. Bytes are hashed exactly as given.
 * @publicApi
 */
export type OperonSignaturePayload = Uint8Array | string;

/**
 * The five signature headers under their exact names, as
 * `generateSignatureHeaders()` returns them.
 * @publicApi
 */
export type OperonSignatureHeaders = Record<OperonSignatureHeaderName, string>;

/**
 * A header value as Node and the HTTP frameworks hand it over; an array
 * means the header was repeated.
 * @publicApi
 */
export type OperonHeaderValue = string | readonly string[] | undefined;

/**
 * Headers to validate. Names are matched case-insensitively, so Node's
 * lower-cased `req.headers` can be passed as they are.
 * @publicApi
 */
export type OperonHeaderInput = Readonly<Record<string, OperonHeaderValue>>;

/**
 * Operon's answer to a signature verification (PROTOCOL §3.9); members
 * Operon left out are empty strings.
 * @publicApi
 */
export interface OperonSignatureVerification {
  /** `VALID` when the signature holds. */
  status: string;
  message: string;
  did: string;
  payloadHash: string;
  algorithm: string;
  keyId: string;
}

/**
 * Outcome of checking an incoming signed request. `rejected` means the
 * request is not acceptable (client error); `unavailable` means the check
 * could not be made (Operon unreachable, overloaded or refusing our token).
 * `reason` is safe to log: it never holds hashes, signatures or tokens.
 * @publicApi
 */
export type OperonSignatureCheck =
  | {
      valid: true;
      /** The sender's DID, from the verified `X-Operon-DID` header. */
      senderDid: string;
      verification: OperonSignatureVerification;
    }
  | { valid: false; kind: 'rejected' | 'unavailable'; reason: string };
