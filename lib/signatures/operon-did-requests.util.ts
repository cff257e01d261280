import type { OperonHttpClient } from '../http/operon-http.client.js';
import { HASH_ALGORITHM } from '../operon.constants.js';
import type { SigningAlgorithm } from '../options/operon-module-options.interface.js';
import { asObject } from '../models/json-read.util.js';
import { clean, segment } from '../utils/strings.util.js';
import { OPERON_HEADER_DID } from './signature-headers.constants.js';
import type {
  OperonSignatureHeaders,
  OperonSignatureVerification,
} from './signature.interface.js';

/**
 * The members of a signing answer, trimmed; blank ones are absent. Header
 * generation needs only the value (PROTOCOL §5.2 step 8), where the
 * transaction path (`requestSelfSignature`) also requires the algorithm
 * (§3.2), so each caller applies its own rule to this lenient reading.
 * @internal
 */
export interface SignAnswer {
  status: number;
  algorithm?: string;
  value?: string;
  keyId?: string;
}

/**
 * E2: asks Operon to sign a payload hash with the bearer's participant key.
 * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
 * @internal
 */
export async function requestSignature(
  http: OperonHttpClient,
  baseUrl: string,
  token: string,
  payloadHash: string,
  algorithm: SigningAlgorithm,
): Promise<SignAnswer> {
  const res = await http.send<unknown>({
    method: 'POST',
    url: `${baseUrl}/v1/dids/self/sign`,
    token,
    json: { payloadHash, hashAlgorithm: HASH_ALGORITHM, algorithm },
    idempotent: true,
  });
  const signature = asObject(asObject(res.data).signature);
  return {
    status: res.status,
    algorithm: clean(signature.algorithm),
    value: clean(signature.value),
    keyId: clean(signature.keyId),
  };
}

/**
 * E9: asks Operon to verify the headers against the raw payload bytes,
 * with the sender's DID as path segment (PROTOCOL §3.9).
 * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
 * @internal
 */
export async function requestVerification(
  http: OperonHttpClient,
  baseUrl: string,
  token: string,
  payload: Buffer,
  headers: OperonSignatureHeaders,
): Promise<OperonSignatureVerification> {
  const did = segment(headers[OPERON_HEADER_DID]);
  const res = await http.send<unknown>({
    method: 'POST',
    url: `${baseUrl}/v1/dids/${did}/signature/verify`,
    token,
    body: payload,
    headers,
    idempotent: true,
  });
  const answer = asObject(res.data);
  const text = (name: string) => {
    const value = answer[name];
    return typeof value === 'string' ? value : '';
  };
  return {
    status: text('status'),
    message: text('message'),
    did: text('did'),
    payloadHash: text('payloadHash'),
    algorithm: text('algorithm'),
    keyId: text('keyId'),
  };
}
