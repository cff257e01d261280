import type { IncomingHttpHeaders } from 'node:http';
import { sha256Base64Url } from '../crypto/base64url.util.js';
import { isSigningAlgorithm } from '../crypto/participant-keys.util.js';
import { checkSignature } from '../crypto/signature.check.js';
import { EmulatorHttpError } from '../http/emulator-http.error.js';
import { ok, type EmulatorHandler } from './handler.types.js';

const HEADERS = {
  did: 'X-Operon-DID',
  payloadHash: 'X-Operon-Payload-Hash',
  signature: 'X-Operon-Signature',
  keyId: 'X-Operon-Signature-KeyId',
  algorithm: 'X-Operon-Signature-Alg',
} as const;

type OperonHeaders = Record<keyof typeof HEADERS, string>;

function invalidHeaders(message: string): EmulatorHttpError {
  return new EmulatorHttpError(400, 'INVALID_HEADERS', message);
}

function readHeaders(headers: IncomingHttpHeaders): OperonHeaders {
  const read = {} as OperonHeaders;
  for (const [field, name] of Object.entries(HEADERS)) {
    // Node lower-cases incoming header names, which makes this lookup
    // case-insensitive as HTTP requires (PROTOCOL §5.1).
    const raw = headers[name.toLowerCase()];
    const value = (Array.isArray(raw) ? raw.join(', ') : (raw ?? '')).trim();
    if (value === '') {
      throw invalidHeaders(`header ${name} is required`);
    }
    read[field as keyof OperonHeaders] = value;
  }

  return read;
}

/**
 * E9: checks the five signature headers against the raw body and the
 * DID's keys (PROTOCOL §13.2). The body is hashed as bytes, never parsed.
 * @internal
 */
export const handleVerify: EmulatorHandler = (req, ctx) => {
  const did = req.params.did ?? '';
  const participant = ctx.realm.findByDid(did);
  if (participant === undefined) {
    throw new EmulatorHttpError(404, 'DID_NOT_FOUND', `unknown DID ${did}`);
  }
  const headers = readHeaders(req.headers);
  if (headers.did !== did) {
    throw invalidHeaders(`${HEADERS.did} ${headers.did} is not ${did}`);
  }
  const computed = sha256Base64Url(req.body);
  if (computed !== headers.payloadHash) {
    throw new EmulatorHttpError(
      400,
      'PAYLOAD_HASH_MISMATCH',
      `payload hash mismatch: expected ${computed}, got ${headers.payloadHash}`,
    );
  }
  const { algorithm } = headers;
  if (!isSigningAlgorithm(algorithm)) {
    throw invalidHeaders(`unsupported signing algorithm ${algorithm}`);
  }
  const failure = ctx.settings.verifySignatures
    ? checkSignature({
        did,
        keys: participant.signingKeys,
        algorithm,
        keyId: headers.keyId,
        value: headers.signature,
        payloadHash: headers.payloadHash,
      })
    : undefined;
  if (failure !== undefined) {
    const code =
      failure.kind === 'metadata' ? 'INVALID_HEADERS' : 'INVALID_SIGNATURE';
    throw new EmulatorHttpError(400, code, failure.message);
  }

  return ok({
    status: 'VALID',
    message: 'Signature verified successfully',
    did,
    payloadHash: headers.payloadHash,
    algorithm,
    keyId: headers.keyId,
  });
};
