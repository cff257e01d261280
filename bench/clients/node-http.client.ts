import { Agent, request } from 'node:http';
import {
  type PostJson,
  referenceSubmit,
  referenceToken,
} from './reference-flow.util.js';
import type {
  BenchTarget,
  SubmissionClient,
} from './submission-client.interface.js';

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Reference client: plain `node:http` with a keep-alive agent, the
 * practical limit of a Node client.
 */
export async function createNodeHttpClient(
  target: BenchTarget,
): Promise<SubmissionClient> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const { hostname, port } = new URL(target.url);
  const post: PostJson = (path, body, headers) =>
    new Promise((resolve, reject) => {
      const req = request(
        { hostname, port, path, method: 'POST', agent, headers },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            if ((res.statusCode ?? 500) >= 400) {
              reject(new Error(`HTTP ${res.statusCode}`));
            } else resolve(JSON.parse(text));
          });
          res.on('error', reject);
        },
      );
      // Bounded like the module's requests, so a stuck server fails the
      // run instead of hanging it.
      req.setTimeout(REQUEST_TIMEOUT_MS, () =>
        req.destroy(new Error('request timed out')),
      );
      req.on('error', reject);
      req.end(body);
    });
  const token = await referenceToken(post, target);
  return {
    name: 'node:http (reference)',
    submit: (index) => referenceSubmit(post, target, token, index),
    close: async () => agent.destroy(),
  };
}
