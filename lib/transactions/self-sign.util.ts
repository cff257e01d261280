import { OperonDecodeError } from '../errors/operon-decode.error.js';
import type { OperonHttpClient } from '../http/operon-http.client.js';
import type { SigningAlgorithm } from '../options/operon-module-options.interface.js';
import { requestSignature } from '../signatures/operon-did-requests.util.js';
import type { Signature } from './signature.interface.js';

/**
 * Asks Operon to sign a payload hash with the token participant's managed
 * key (`POST {baseUrl}/v1/dids/self/sign`, PROTOCOL §3.2). Unlike header
 * generation, a transaction needs the algorithm too, so the answer is read
 * as Go does: a blank `algorithm` or `value` is an error, a blank `keyId`
 * is absent.
 * @throws {OperonDecodeError} "sign response missing signature".
 * @throws {OperonApiError | OperonTransportError}
 * @internal
 */
export async function requestSelfSignature(
  http: OperonHttpClient,
  baseUrl: string,
  token: string,
  payloadHash: string,
  algorithm: SigningAlgorithm,
): Promise<Signature> {
  const answer = await requestSignature(
    http,
    baseUrl,
    token,
    payloadHash,
    algorithm,
  );
  const { status, algorithm: signedWith, value, keyId } = answer;
  if (!signedWith || !value) {
    throw new OperonDecodeError('sign response missing signature', status);
  }
  return keyId
    ? { algorithm: signedWith, value, keyId }
    : { algorithm: signedWith, value };
}
