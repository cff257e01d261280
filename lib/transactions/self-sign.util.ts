import type { OperonHttpClient } from '../http/operon-http.client.js';
import { HASH_ALGORITHM } from '../operon.constants.js';
import type { SigningAlgorithm } from '../options/operon-module-options.interface.js';
import type { Signature } from './signature.interface.js';
import { readSignResponse } from './sign-response.util.js';

/**
 * Asks Operon to sign a payload hash with the token participant's managed
 * key (`POST {baseUrl}/v1/dids/self/sign`, PROTOCOL §3.2). Signing the same
 * hash again is harmless, so the call is retried like a read.
 * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
 * @internal
 */
export async function requestSelfSignature(
  http: OperonHttpClient,
  baseUrl: string,
  token: string,
  payloadHash: string,
  algorithm: SigningAlgorithm,
): Promise<Signature> {
  const res = await http.send({
    method: 'POST',
    url: `${baseUrl}/v1/dids/self/sign`,
    token,
    json: { payloadHash, hashAlgorithm: HASH_ALGORITHM, algorithm },
    headers: { Accept: 'application/json' },
    idempotent: true,
  });

  return readSignResponse(res.data, res.status);
}
