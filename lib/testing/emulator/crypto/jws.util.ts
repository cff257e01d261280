import {
  decodeJsonSegment,
  fromBase64Url,
  toBase64Url,
} from './base64url.util.js';
import {
  signBytes,
  verifyBytes,
  type ParticipantKey,
  type SigningAlgorithm,
} from './participant-keys.util.js';

/**
 * A compact JWS split into its parts, not yet verified.
 * @internal
 */
export interface ParsedJws {
  alg: unknown;
  kid: unknown;
  payload: string;
  signingInput: Buffer;
  signature: Buffer;
}

/**
 * Signs `payload` (UTF-8) as a compact JWS with header `{alg, kid}`
 * (PROTOCOL §13.2).
 * @internal
 */
export function signCompactJws(key: ParticipantKey, payload: string): string {
  const header = toBase64Url(
    JSON.stringify({ alg: key.algorithm, kid: key.keyId }),
  );
  const signingInput = `${header}.${toBase64Url(payload)}`;
  const signature = signBytes(
    key.algorithm,
    Buffer.from(signingInput, 'ascii'),
    key.privateKey,
  );

  return `${signingInput}.${toBase64Url(signature)}`;
}

/**
 * Splits a compact JWS; `undefined` when it is not one.
 * @internal
 */
export function parseCompactJws(value: string): ParsedJws | undefined {
  const parts = value.split('.');
  if (parts.length !== 3) {
    return undefined;
  }
  const [headerPart, payloadPart, signaturePart] = parts as [
    string,
    string,
    string,
  ];
  const header = decodeJsonSegment(headerPart);
  const payload = fromBase64Url(payloadPart);
  const signature = fromBase64Url(signaturePart);
  if (
    typeof header !== 'object' ||
    header === null ||
    payload === undefined ||
    signature === undefined
  ) {
    return undefined;
  }
  const { alg, kid } = header as Record<string, unknown>;

  return {
    alg,
    kid,
    payload: payload.toString('utf8'),
    signingInput: Buffer.from(`${headerPart}.${payloadPart}`, 'ascii'),
    signature,
  };
}

/**
 * Checks the JWS signature with the given key and algorithm.
 * @internal
 */
export function verifyJws(
  jws: ParsedJws,
  algorithm: SigningAlgorithm,
  key: ParticipantKey,
): boolean {
  return verifyBytes(algorithm, jws.signingInput, key.publicKey, jws.signature);
}
