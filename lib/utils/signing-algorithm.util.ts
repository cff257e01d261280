import type { SigningAlgorithm } from '../options/operon-module-options.interface.js';
import { clean } from './strings.util.js';

/**
 * The signing algorithms Operon supports, in canonical spelling.
 * @publicApi
 */
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = [
  'EdDSA',
  'ES256',
  'ES256K',
];

/**
 * Canonical spelling of an algorithm name, matched case-insensitively after
 * trimming; `undefined` when blank or unknown.
 * @publicApi
 */
export function canonicalAlgorithm(
  value: string | undefined,
): SigningAlgorithm | undefined {
  const wanted = clean(value)?.toLowerCase();
  if (!wanted) return undefined;
  return SIGNING_ALGORITHMS.find((name) => name.toLowerCase() === wanted);
}

/**
 * The key ID Operon uses by default for a DID: `did#keys-1`.
 * @internal
 */
export function defaultKeyId(did: string | undefined): string | undefined {
  const trimmed = clean(did);
  return trimmed ? `${trimmed}#keys-1` : undefined;
}
