import {
  type PostJson,
  referenceSubmit,
  referenceToken,
} from './reference-flow.util.js';
import type {
  BenchTarget,
  SubmissionClient,
} from './submission-client.interface.js';

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
