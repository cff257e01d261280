import { PAYLOAD_HASH_PATTERN } from '../crypto/base64url.util.js';
import { signCompactJws } from '../crypto/jws.util.js';
import { isSigningAlgorithm } from '../crypto/participant-keys.util.js';
import {
  EmulatorHttpError,
  parseJsonObject,
  validationError,
} from '../http/emulator-http.error.js';
import type { RealmStore } from '../realm/realm.store.js';
import type { StoredParticipant } from '../realm/realm.factory.js';
import { ok, type EmulatorHandler } from './handler.types.js';

function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw validationError(`${name} is required`);
  }

  return value;
}

// The participant a bearer token acts for, from its `participant_did`.
function tokenParticipant(realm: RealmStore, did: unknown): StoredParticipant {
  if (typeof did !== 'string' || did.trim() === '') {
    throw new EmulatorHttpError(
      403,
      'MISSING_PARTICIPANT_DID',
      'access token carries no participant_did',
    );
  }

  const participant = realm.findByDid(did);
  if (participant === undefined) {
    throw new EmulatorHttpError(404, 'DID_NOT_FOUND', `unknown DID ${did}`);
  }

  return participant;
}

/**
 * E2: signs a payload hash with the token participant's key, as a compact
 * JWS over the 43 hash characters (PROTOCOL §13.2).
 * @internal
 */
export const handleSign: EmulatorHandler = (req, ctx) => {
  const body = parseJsonObject(req.body);
  const payloadHash = requiredString(body, 'payloadHash');
  if (!PAYLOAD_HASH_PATTERN.test(payloadHash)) {
    throw new EmulatorHttpError(
      400,
      'INVALID_PAYLOAD_HASH',
      `payload hash must be 43 base64url characters, got ${payloadHash.length}`,
    );
  }
  const hashAlgorithm = requiredString(body, 'hashAlgorithm');
  if (hashAlgorithm !== 'SHA-256') {
    throw new EmulatorHttpError(
      400,
      'UNSUPPORTED_HASH_ALGORITHM',
      `hash algorithm ${hashAlgorithm} is not supported; use SHA-256`,
    );
  }
  const algorithm = requiredString(body, 'algorithm');
  if (!isSigningAlgorithm(algorithm)) {
    throw new EmulatorHttpError(
      400,
      'UNSUPPORTED_ALGORITHM',
      `unsupported signing algorithm ${algorithm}`,
    );
  }
  const participant = tokenParticipant(ctx.realm, req.claims.participant_did);
  const key = participant.signingKeys.find((k) => k.algorithm === algorithm);
  if (key === undefined) {
    throw new EmulatorHttpError(
      400,
      'UNSUPPORTED_ALGORITHM',
      `${participant.data.did} has no ${algorithm} key`,
    );
  }
  const value = signCompactJws(key, payloadHash);

  return ok({ signature: { algorithm, value, keyId: key.keyId } });
};
