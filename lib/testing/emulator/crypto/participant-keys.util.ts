import { generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { SigningAlgorithm } from '../../../options/operon-module-options.interface.js';

/**
 * Re-exported so emulator files import it from one short path.
 * @internal
 */
export type { SigningAlgorithm };

/**
 * A public key in JWK form, as published in DID documents.
 * @publicApi
 */
export interface OperonEmulatorJwk {
  kty: string;
  crv: string;
  x: string;
  y?: string;
  kid: string;
  alg: SigningAlgorithm;
  use: 'sig';
}

/**
 * One signing key of a participant, with node:crypto key objects imported
 * once so that requests never pay for key parsing.
 * @internal
 */
export interface ParticipantKey {
  algorithm: SigningAlgorithm;
  keyId: string;
  publicKey: KeyObject;
  privateKey: KeyObject;
  publicJwk: OperonEmulatorJwk;
}

/**
 * The algorithms every participant holds a key for, in `#keys-N` order
 * (PROTOCOL §13.2).
 * @internal
 */
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = [
  'EdDSA',
  'ES256',
  'ES256K',
];

/**
 * Tells whether a value is one of the canonical algorithm names.
 * @internal
 */
export function isSigningAlgorithm(value: unknown): value is SigningAlgorithm {
  return SIGNING_ALGORITHMS.includes(value as SigningAlgorithm);
}

function generatePair(algorithm: SigningAlgorithm) {
  if (algorithm === 'EdDSA') {
    return generateKeyPairSync('ed25519');
  }
  const namedCurve = algorithm === 'ES256' ? 'P-256' : 'secp256k1';
  return generateKeyPairSync('ec', { namedCurve });
}

/**
 * Generates the three keys of a participant: Ed25519 `#keys-1`, P-256
 * `#keys-2` and secp256k1 `#keys-3`.
 * @internal
 */
export function generateParticipantKeys(did: string): ParticipantKey[] {
  return SIGNING_ALGORITHMS.map((algorithm, index) => {
    const { publicKey, privateKey } = generatePair(algorithm);
    const keyId = `${did}#keys-${index + 1}`;
    const exported = publicKey.export({ format: 'jwk' });
    const publicJwk: OperonEmulatorJwk = {
      kty: String(exported.kty),
      crv: String(exported.crv),
      x: String(exported.x),
      ...(exported.y === undefined ? {} : { y: String(exported.y) }),
      kid: keyId,
      alg: algorithm,
      use: 'sig',
    };
    return { algorithm, keyId, publicKey, privateKey, publicJwk };
  });
}

function digestFor(algorithm: SigningAlgorithm): string | null {
  // Ed25519 hashes internally; node:crypto requires `null` for it.
  return algorithm === 'EdDSA' ? null : 'sha256';
}

/**
 * Signs bytes; ECDSA signatures come out in JOSE `r‖s` form.
 * @internal
 */
export function signBytes(
  algorithm: SigningAlgorithm,
  data: Buffer,
  privateKey: KeyObject,
): Buffer {
  return sign(digestFor(algorithm), data, {
    key: privateKey,
    dsaEncoding: 'ieee-p1363',
  });
}

/**
 * Verifies a JOSE-encoded signature; malformed input counts as invalid.
 * @internal
 */
export function verifyBytes(
  algorithm: SigningAlgorithm,
  data: Buffer,
  publicKey: KeyObject,
  signature: Buffer,
): boolean {
  try {
    return verify(
      digestFor(algorithm),
      data,
      { key: publicKey, dsaEncoding: 'ieee-p1363' },
      signature,
    );
  } catch {
    return false;
  }
}
