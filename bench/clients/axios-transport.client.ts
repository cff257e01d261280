import type { HttpService } from '@nestjs/axios';
import { OPERON_HTTP_SERVICE } from '../../lib/operon.constants.js';
import { bootOperonContext } from './module.client.js';
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
 * Diagnostic client: the reference flow (no module logic) sent through
 * the module's own axios instance, adapter and agents. Set between the
 * module and `node:http`, it tells how much of the gap is the transport
 * (axios's request pipeline) and how much the module's own work.
 */
export async function createAxiosTransportClient(
  target: BenchTarget,
): Promise<SubmissionClient> {
  const app = await bootOperonContext(target);
  const axios = app.get<HttpService>(OPERON_HTTP_SERVICE).axiosRef;
  const post: PostJson = async (path, body, headers) => {
    const res = await axios.request<string>({
      method: 'POST',
      url: `${target.url}${path}`,
      headers,
      data: body,
      timeout: 10_000,
    });
    if (res.status >= 400) throw new Error(`HTTP ${res.status}`);
    return JSON.parse(res.data);
  };
  const token = await referenceToken(post, target);
  return {
    name: 'axios transport (diagnostic)',
    submit: (index) => referenceSubmit(post, target, token, index),
    close: () => app.close(),
  };
}
