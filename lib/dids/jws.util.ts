import type {
  OperonDidDocument,
  OperonVerificationMethod,
  OperonVerifiedJws,
} from './did-document.interface.js';
import {
  isLocalAlgorithm,
  publicKeyFor,
  verifySignature,
} from './jws-keys.util.js';
import { OperonDidError, type OperonDidErrorKind } from './operon-did.error.js';

/**
 * A compact JWS split and decoded, not yet verified.
 * @internal
 */
export interface ParsedJws {
  alg: string;
  kid: string;
  /** The payload segment decoded as UTF-8 text. */
  payload: string;
  signingInput: Buffer;
  signature: Buffer;
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const PAYLOAD_SEGMENT = /^[A-Za-z0-9_-]*$/;

/**
 * Splits a compact JWS (three base64url segments, protected header a JSON
 * object with string `alg` and `kid`).
 * @throws {OperonDidError} `decode_error` when malformed.
 * @internal
 */
export function parseJws(jws: string): ParsedJws {
  const parts = typeof jws === 'string' ? jws.split('.') : [];
  const [head = '', body = '', sig = ''] = parts;
  if (
    parts.length !== 3 ||
    !SEGMENT.test(head) ||
    !PAYLOAD_SEGMENT.test(body) ||
    !SEGMENT.test(sig)
  ) {
    throw fail('decode_error', 'signature is not a compact JWS');
  }
  const header = decodeHeader(head);
  if (typeof header.alg !== 'string' || typeof header.kid !== 'string') {
    throw fail('decode_error', 'JWS header lacks a string alg or kid');
  }
  // `crit` asks for semantics this verifier does not implement (RFC 7515
  // §4.1.11), e.g. an unencoded payload: refuse rather than misread.
  if (header.crit !== undefined) {
    throw fail('decode_error', 'JWS header has critical extensions');
  }
  return {
    alg: header.alg,
    kid: header.kid,
    payload: Buffer.from(body, 'base64url').toString('utf8'),
    signingInput: Buffer.from(`${head}.${body}`, 'ascii'),
    signature: Buffer.from(sig, 'base64url'),
  };
}

/**
 * Verifies a compact JWS against a DID document, offline (PROTOCOL §3.12):
 * the key is the verification method whose `id` (relative IDs resolved
 * against the document) or `publicKeyJwk.kid` equals the header's `kid`.
 * Supports `EdDSA` (Ed25519), `ES256` (P-256) and `ES256K` (secp256k1).
 * @throws {OperonDidError} `decode_error`, `key_not_found`,
 *   `unsupported_alg` or `verify_failed`.
 * @publicApi
 */
export function verifyJws(
  jws: string,
  document: OperonDidDocument,
): OperonVerifiedJws {
  return verifyParsedJws(parseJws(jws), document);
}

/**
 * {@link verifyJws} for a JWS already parsed.
 * @throws {OperonDidError}
 * @internal
 */
export function verifyParsedJws(
  jws: ParsedJws,
  document: OperonDidDocument,
): OperonVerifiedJws {
  const { alg, kid } = jws;
  const method = findMethod(document, kid);
  if (!method?.publicKeyJwk) {
    throw fail('key_not_found', `no JWK key ${kid} in ${document.id}`);
  }
  if (!isLocalAlgorithm(alg)) {
    throw fail('unsupported_alg', `JWS algorithm ${alg} is not supported`);
  }
  const key = publicKeyFor(alg, method.publicKeyJwk, kid);
  if (!verifySignature(alg, key, jws.signingInput, jws.signature)) {
    throw fail('verify_failed', `signature does not verify with ${kid}`);
  }
  return { alg, kid, payload: jws.payload, method };
}

/**
 * The verification method a `kid` names, if any.
 */
function findMethod(
  document: OperonDidDocument,
  kid: string,
): OperonVerificationMethod | undefined {
  if (!kid) return undefined;
  return document.verificationMethod.find(
    (method) =>
      method.id === kid ||
      (method.id.startsWith('#') && document.id + method.id === kid) ||
      method.publicKeyJwk?.kid === kid,
  );
}

function decodeHeader(segment: string): Record<string, unknown> {
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw fail('decode_error', 'JWS header is not JSON');
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) {
    throw fail('decode_error', 'JWS header is not a JSON object');
  }
  return header as Record<string, unknown>;
}

function fail(kind: OperonDidErrorKind, detail: string): OperonDidError {
  return new OperonDidError({ kind, source: 'jws', detail });
}
