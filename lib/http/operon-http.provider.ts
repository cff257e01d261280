import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { FactoryProvider } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { Axios, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import {
  OPERON_HTTP_SERVICE,
  OPERON_RESOLVED_OPTIONS,
} from '../operon.constants.js';
import type { ResolvedOperonOptions } from '../options/resolved-options.interface.js';
import { operonHttpAdapter } from './operon-http.adapter.js';

/**
 * Builds the module's own axios instance. It is never the application's
 * `HttpModule`, so our credentials and interceptors cannot leak into the
 * app's calls and theirs cannot touch ours.
 *
 * - keep-alive agents (`maxSockets` per host, most recently used socket
 *   first so idle ones expire): a submission is two calls to one host;
 * - a lean adapter (`operonHttpAdapter`): no redirects (a redirect would
 *   replay the bearer token to another URL), no proxy or stream handling;
 *   its timeout bounds the whole exchange;
 * - every status resolves and bodies stay text: the client decodes them,
 *   so error bodies are decoded per PROTOCOL §8.1 in one place;
 * - only the defaults these calls use: axios merges every default into
 *   every request, and its stock ones (XSRF names, transitional flags,
 *   per-method header buckets, transforms) would double that work; the
 *   constant headers (Accept, Accept-Encoding, User-Agent) are added by
 *   the adapter, since axios re-normalises every default header per call.
 * @internal
 */
function createOperonHttpService(options: ResolvedOperonOptions): HttpService {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets,
    scheduling: 'lifo' as const,
  };
  const instance = leanAxiosInstance({
    adapter: operonHttpAdapter,
    timeout: options.httpTimeoutMs,
    maxRedirects: 0,
    httpAgent: new HttpAgent(agentOptions),
    httpsAgent: new HttpsAgent(agentOptions),
    responseType: 'text',
    validateStatus: () => true,
    proxy: false,
  });
  // @nestjs/axios 4 (CommonJS) types its parameter with axios's CommonJS
  // declarations, which TypeScript deems unrelated to the ESM ones we see.
  return new HttpService(instance as HttpServiceInstance);
}

type HttpServiceInstance = ConstructorParameters<typeof HttpService>[0];

// What `axios.create()` builds (an `Axios` with its methods bound to it),
// minus one cost: `create()` stores the defaults in a prototype-less
// object, which V8 keeps in slow dictionary mode, and axios spreads the
// defaults into every request (`mergeConfig`). A plain object spreads
// several times faster (about 3 µs less per request, no-I/O loop).
function leanAxiosInstance(defaults: AxiosRequestConfig): AxiosInstance {
  const context = new Axios(defaults);
  const instance = context.request.bind(context) as AxiosInstance;
  const methods = instance as unknown as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(Axios.prototype)) {
    const method = (context as unknown as Record<string, unknown>)[name];
    if (name !== 'constructor' && typeof method === 'function') {
      methods[name] = method.bind(context);
    }
  }
  return Object.assign(instance, {
    defaults: context.defaults,
    interceptors: context.interceptors,
  });
}

/**
 * Provider of the dedicated `HttpService`. Override `OPERON_HTTP_SERVICE`
 * in a testing module to intercept Operon traffic at the HTTP boundary:
 * the client calls the service's `axiosRef` (give it your own adapter),
 * not its Observable methods.
 * @internal
 */
export const operonHttpServiceProvider: FactoryProvider<HttpService> = {
  provide: OPERON_HTTP_SERVICE,
  useFactory: createOperonHttpService,
  inject: [OPERON_RESOLVED_OPTIONS],
};
