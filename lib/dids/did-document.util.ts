import type {
  OperonDidDocument,
  OperonDidService,
  OperonPublicKeyJwk,
  OperonVerificationMethod,
} from './did-document.interface.js';
import { OperonDidError } from './operon-did.error.js';

type Json = Record<string, unknown>;

const JWK_MEMBERS = ['kty', 'crv', 'alg', 'kid', 'use', 'x', 'y'] as const;

/**
 * Reads a resolver answer as a DID document, like Go's JSON decoding does:
 * a member of the wrong type fails the document, a missing one is empty.
 * The document must be the one asked for. The result is deeply frozen.
 * @throws {OperonDidError} `decode_error` from the resolver.
 * @internal
 */
export function parseDidDocument(
  data: unknown,
  did: string,
): OperonDidDocument {
  const doc = object(data, 'DID document');
  const id = text(doc, 'id', 'DID document');
  if (id !== did) {
    throw decodeError(`resolver answered for another DID than ${did}`, did);
  }
  const context = doc['@context'];
  const document: OperonDidDocument = {
    '@context': typeof context === 'string' ? [context] : strings(context),
    id,
    verificationMethod: list(doc, 'verificationMethod').map(method),
    authentication: list(doc, 'authentication').map(reference),
    assertionMethod: list(doc, 'assertionMethod').map(reference),
    service: list(doc, 'service').map(
      (item) => object(item, 'service') as OperonDidService,
    ),
  };
  return deepFreeze(document);
}

function method(value: unknown): OperonVerificationMethod {
  const item = object(value, 'verification method');
  const found: OperonVerificationMethod = {
    id: text(item, 'id', 'verification method'),
    type: text(item, 'type', 'verification method'),
    controller: text(item, 'controller', 'verification method'),
  };
  if (item.publicKeyJwk !== undefined) {
    found.publicKeyJwk = jwk(item.publicKeyJwk);
  }
  if (item.publicKeyMultibase !== undefined) {
    found.publicKeyMultibase = text(item, 'publicKeyMultibase', 'method');
  }
  return found;
}

function jwk(value: unknown): OperonPublicKeyJwk {
  const source = object(value, 'publicKeyJwk');
  const key: OperonPublicKeyJwk = { kty: text(source, 'kty', 'JWK') };
  for (const name of JWK_MEMBERS) {
    if (name !== 'kty' && source[name] !== undefined) {
      key[name] = text(source, name, 'JWK');
    }
  }
  return key;
}

function reference(value: unknown): string | OperonVerificationMethod {
  return typeof value === 'string' ? value : method(value);
}

function object(value: unknown, what: string): Json {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return value as Json;
  }
  throw decodeError(`${what} is not a JSON object`);
}

function text(source: Json, key: string, what: string): string {
  const value = source[key];
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  throw decodeError(`${what} member ${key} is not a string`);
}

function list(source: Json, key: string): unknown[] {
  const value = source[key];
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  throw decodeError(`DID document member ${key} is not an array`);
}

function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string');
}

function decodeError(detail: string, did?: string): OperonDidError {
  return new OperonDidError({
    kind: 'decode_error',
    source: 'resolver',
    detail,
    did,
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
