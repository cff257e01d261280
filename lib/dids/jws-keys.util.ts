import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { OperonPublicKeyJwk } from './did-document.interface.js';
import { OperonDidError } from './operon-did.error.js';

/**
 * The JWS algorithms verified locally.
 * @internal
 */
export type LocalJwsAlgorithm = 'EdDSA' | 'ES256' | 'ES256K';

interface Profile {
  kty: string;
  crv: string;
  coordinates: readonly ('x' | 'y')[];
  /** `null` for Ed25519, which hashes internally. */
  digest: string | null;
}

const PROFILES: Readonly<Record<LocalJwsAlgorithm, Profile>> = {
  EdDSA: { kty: 'OKP', crv: 'Ed25519', coordinates: ['x'], digest: null },
  ES256: { kty: 'EC', crv: 'P-256', coordinates: ['x', 'y'], digest: 'sha256' },
  ES256K: {
    kty: 'EC',
    crv: 'secp256k1',
    coordinates: ['x', 'y'],
    digest: 'sha256',
  },
};

// Every supported curve has 32-byte coordinates (43 base64url characters)
// and 64-byte signatures (Ed25519 R‖S, or JOSE r‖s for the ECDSA curves).
const COORDINATE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const SIGNATURE_BYTES = 64;
const MAX_IMPORTED_KEYS = 1000;
// Keyed by the key material itself, not the kid alone, so a rotated key
// published under the same kid can never be checked with the old one.
const imported = new Map<string, KeyObject>();

/**
 * Whether `alg` is verified locally.
 * @internal
 */
export function isLocalAlgorithm(alg: string): alg is LocalJwsAlgorithm {
  return Object.hasOwn(PROFILES, alg);
}

/**
 * The key of a JWK for `alg`, imported once and reused. A key of another
 * type or curve cannot verify `alg`: `verify_failed`. Unusable key material
 * is a `decode_error`.
 * @throws {OperonDidError}
 * @internal
 */
export function publicKeyFor(
  alg: LocalJwsAlgorithm,
  jwk: OperonPublicKeyJwk,
  kid: string,
): KeyObject {
  const profile = PROFILES[alg];
  const fits =
    jwk.kty === profile.kty &&
    jwk.crv === profile.crv &&
    (jwk.alg === undefined || jwk.alg === alg) &&
    (jwk.use === undefined || jwk.use === 'sig');
  if (!fits) throw failure('verify_failed', `key ${kid} is not an ${alg} key`);
  const coordinates = profile.coordinates.map((name) => jwk[name] ?? '');
  if (!coordinates.every((value) => COORDINATE_PATTERN.test(value))) {
    throw failure('decode_error', `key ${kid} has malformed coordinates`);
  }
  const cacheKey = `${profile.crv}.${coordinates.join('.')}`;
  const cached = imported.get(cacheKey);
  if (cached) return cached;

  const key = importKey(profile, coordinates, kid);
  if (imported.size >= MAX_IMPORTED_KEYS) {
    imported.delete(imported.keys().next().value!);
  }
  imported.set(cacheKey, key);
  return key;
}

/**
 * Checks a JOSE signature (64 bytes) over the signing input.
 * @internal
 */
export function verifySignature(
  alg: LocalJwsAlgorithm,
  key: KeyObject,
  signingInput: Buffer,
  signature: Buffer,
): boolean {
  if (signature.length !== SIGNATURE_BYTES) return false;
  try {
    return verify(
      PROFILES[alg].digest,
      signingInput,
      { key, dsaEncoding: 'ieee-p1363' },
      signature,
    );
  } catch {
    return false;
  }
}

function importKey(
  profile: Profile,
  coordinates: string[],
  kid: string,
): KeyObject {
  const [x, y] = coordinates;
  const jwk = { kty: profile.kty, crv: profile.crv, x, ...(y ? { y } : {}) };
  try {
    return createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    // An EC point off the curve lands here.
    throw failure('decode_error', `key ${kid} cannot be imported`);
  }
}

function failure(
  kind: 'verify_failed' | 'decode_error',
  detail: string,
): OperonDidError {
  return new OperonDidError({ kind, source: 'jws', detail });
}
