import {
  type PostJson,
  referenceSubmit,
  referenceToken,
} from './reference-flow.util.js';
import type {
  BenchTarget,
  SubmissionClient,
} from './submission-client.interface.js';

// Bounded like the module's requests, so a stuck server fails the run
// instead of hanging it.
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Reference client: plain global `fetch` (undici), the transport of the
 * official Node SDK.
 */
export async function createFetchClient(
  target: BenchTarget,
): Promise<SubmissionClient> {
  const post: PostJson = async (path, body, headers) => {
    const res = await fetch(`${target.url}${path}`, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`HTTP ${res.status}`);
    return JSON.parse(text);
  };
  const token = await referenceToken(post, target);
  return {
    name: 'fetch (reference)',
    submit: (index) => referenceSubmit(post, target, token, index),
    close: async () => undefined,
  };
}
