import { createHash } from 'node:crypto';
import {
  type BenchTarget,
  benchCorrelationId,
  benchPayload,
} from './submission-client.interface.js';

/** POSTs a JSON text with a bearer token and returns the parsed answer. */
export type PostJson = (
  path: string,
  body: string,
  headers: Record<string, string>,
) => Promise<unknown>;

/**
 * What any hand-written client must do for one transaction, with no
 * module logic: hash the payload, ask for a signature, post the body.
 */
export async function referenceSubmit(
  post: PostJson,
  target: BenchTarget,
  token: string,
  index: number,
): Promise<unknown> {
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    accept: 'application/json',
  };
  const payloadHash = createHash('sha256')
    .update(JSON.stringify(benchPayload(index)))
    .digest('base64url');
  const signed = (await post(
    '/client-api/v1/dids/self/sign',
    JSON.stringify({
      payloadHash,
      hashAlgorithm: 'SHA-256',
      algorithm: 'EdDSA',
    }),
    headers,
  )) as { signature: { algorithm: string; value: string; keyId: string } };
  const body = JSON.stringify({
    correlationId: benchCorrelationId(index),
    workstreamId: target.workstreamId,
    interactionId: target.interactionId,
    timestamp: new Date().toISOString(),
    sourceDid: target.sourceDid,
    targetDid: target.targetDid,
    signature: signed.signature,
    payloadHash,
  });
  return post('/client-api/v1/transactions', body, headers);
}

/** Fetches an access token with the client-credentials form request. */
export async function referenceToken(
  post: PostJson,
  target: BenchTarget,
): Promise<string> {
  const basic = Buffer.from(
    `${target.clientId}:${target.clientSecret}`,
  ).toString('base64');
  const answer = (await post('/oauth2/token', 'grant_type=client_credentials', {
    authorization: `Basic ${basic}`,
    'content-type': 'application/x-www-form-urlencoded',
  })) as { access_token: string };
  return answer.access_token;
}
