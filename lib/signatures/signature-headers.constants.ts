/** Header carrying the signer's participant DID. @publicApi */
export const OPERON_HEADER_DID = 'X-Operon-DID';
/** Header carrying base64url(SHA-256(payload)), 43 characters. @publicApi */
export const OPERON_HEADER_PAYLOAD_HASH = 'X-Operon-Payload-Hash';
/** Header carrying the signature value returned by Operon. @publicApi */
export const OPERON_HEADER_SIGNATURE = 'X-Operon-Signature';
/** Header carrying the key ID of the signature. @publicApi */
export const OPERON_HEADER_KEY_ID = 'X-Operon-Signature-KeyId';
/** Header carrying the signing algorithm. @publicApi */
export const OPERON_HEADER_ALGORITHM = 'X-Operon-Signature-Alg';

/**
 * The five signature headers, in the order they are checked (PROTOCOL
 * §5.1, §5.3).
 * @publicApi
 */
export const OPERON_SIGNATURE_HEADER_NAMES = [
  OPERON_HEADER_DID,
  OPERON_HEADER_PAYLOAD_HASH,
  OPERON_HEADER_SIGNATURE,
  OPERON_HEADER_KEY_ID,
  OPERON_HEADER_ALGORITHM,
] as const;

/**
 * Name of one of the five signature headers.
 * @publicApi
 */
export type OperonSignatureHeaderName =
  (typeof OPERON_SIGNATURE_HEADER_NAMES)[number];
