import { parseCompactJws, verifyJws } from './jws.util.js';
import type {
  ParticipantKey,
  SigningAlgorithm,
} from './participant-keys.util.js';

/**
 * What a signature claims about itself, from headers or a transaction body.
 * @internal
 */
export interface SignatureClaim {
  did: string;
  keys: readonly ParticipantKey[];
  algorithm: SigningAlgorithm;
  /** Blank means "the DID's key for `algorithm`". */
  keyId?: string;
  value: string;
  payloadHash: string;
}

/**
 * Why a signature was rejected: `metadata` when algorithm or key ID do not
 * fit the DID or the JWS header, `signature` when the JWS itself is wrong.
 * @internal
 */
export interface SignatureFailure {
  kind: 'metadata' | 'signature';
  message: string;
}

function pickKey(claim: SignatureClaim): ParticipantKey | SignatureFailure {
  const keyId = claim.keyId;
  const key = keyId
    ? claim.keys.find((candidate) => candidate.keyId === keyId)
    : claim.keys.find((candidate) => candidate.algorithm === claim.algorithm);
  if (key === undefined) {
    return {
      kind: 'metadata',
      message: `key ${keyId ?? claim.algorithm} is not a key of ${claim.did}`,
    };
  }
  if (key.algorithm !== claim.algorithm) {
    return {
      kind: 'metadata',
      message:
        `key ${key.keyId} is a ${key.algorithm} key, ` +
        `not ${claim.algorithm}`,
    };
  }

  return key;
}

/**
 * Checks a compact JWS against the DID's keys (PROTOCOL §13.2): key ID and
 * algorithm must name one of the DID's keys, the JWS header must name the
 * same, its payload must be the payload hash, and the signature must hold.
 * @internal
 */
export function checkSignature(
  claim: SignatureClaim,
): SignatureFailure | undefined {
  const key = pickKey(claim);
  if (!('keyId' in key)) {
    return key;
  }
  const jws = parseCompactJws(claim.value);
  if (jws === undefined) {
    return { kind: 'signature', message: 'signature is not a compact JWS' };
  }
  if (jws.alg !== claim.algorithm || jws.kid !== key.keyId) {
    return {
      kind: 'metadata',
      message:
        `JWS header {alg: ${String(jws.alg)}, kid: ${String(jws.kid)}} ` +
        `does not match ${claim.algorithm} ${key.keyId}`,
    };
  }
  if (jws.payload !== claim.payloadHash) {
    return {
      kind: 'signature',
      message: 'JWS payload is not the payload hash',
    };
  }
  if (!verifyJws(jws, claim.algorithm, key)) {
    return { kind: 'signature', message: 'signature verification failed' };
  }

  return undefined;
}
