/**
 * A public key in JWK form as a DID document publishes it (PROTOCOL
 * §3.12). Members the document left out are absent.
 * @publicApi
 */
export interface OperonPublicKeyJwk {
  kty: string;
  crv?: string;
  alg?: string;
  kid?: string;
  use?: string;
  x?: string;
  y?: string;
}

/**
 * One verification method of a DID document, e.g. a `JsonWebKey2020` key.
 * @publicApi
 */
export interface OperonVerificationMethod {
  /** Absolute (`did#keys-1`) or relative (`#keys-1`) method ID. */
  id: string;
  type: string;
  controller: string;
  publicKeyJwk?: OperonPublicKeyJwk;
  publicKeyMultibase?: string;
}

/**
 * A service endpoint of a DID document, kept as sent.
 * @publicApi
 */
export type OperonDidService = Readonly<Record<string, unknown>>;

/**
 * A resolved DID document, the members the reference SDK reads (PROTOCOL
 * §3.12). Documents handed out by `DidResolverService` are frozen: they are
 * shared by every caller until the cache entry expires.
 * @publicApi
 */
export interface OperonDidDocument {
  '@context': readonly string[];
  id: string;
  verificationMethod: readonly OperonVerificationMethod[];
  /** References to methods (IDs) or embedded methods. */
  authentication: readonly (string | OperonVerificationMethod)[];
  assertionMethod: readonly (string | OperonVerificationMethod)[];
  service: readonly OperonDidService[];
}

/**
 * What {@link verifyJws} proved: the protected header, the payload as
 * UTF-8 text and the verification method whose key holds.
 * @publicApi
 */
export interface OperonVerifiedJws {
  alg: string;
  kid: string;
  payload: string;
  method: OperonVerificationMethod;
}
