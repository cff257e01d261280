/**
 * A signature over a payload hash, as Operon's signing endpoint returns it
 * and as a transaction carries it (PROTOCOL §3.2, §3.3).
 * @publicApi
 */
export interface Signature {
  /** `EdDSA`, `ES256` or `ES256K` for Operon-made signatures. */
  algorithm: string;
  /** The signature value, opaque to the client. */
  value: string;
  /** Key that made it, e.g. `did:operon:abc#keys-1`; omitted when empty. */
  keyId?: string;
}
