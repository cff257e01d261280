import { EmulatorHttpError } from '../http/emulator-http.error.js';
import { didDocument } from '../realm/realm.views.js';
import type { EmulatorHandler } from './handler.types.js';

/**
 * E12: the DID document of a participant; no authentication (§3.12).
 * @internal
 */
export const handleResolve: EmulatorHandler = (req, { realm }) => {
  const did = req.params.did ?? '';
  if (!did.startsWith('did:')) {
    throw new EmulatorHttpError(400, 'INVALID_DID', `${did} is not a DID`);
  }
  const participant = realm.findByDid(did);
  if (participant === undefined) {
    throw new EmulatorHttpError(404, 'DID_NOT_FOUND', `unknown DID ${did}`);
  }
  const accept = String(req.headers.accept ?? '');
  const type = accept.includes('application/did+json')
    ? 'application/did+json'
    : 'application/json';

  return {
    status: 200,
    body: didDocument(participant.data),
    headers: { 'content-type': `${type}; charset=utf-8` },
  };
};
