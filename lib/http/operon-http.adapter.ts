import {
  type Agent as HttpAgent,
  type IncomingMessage,
  request as httpRequest,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import {
  type AxiosAdapter,
  AxiosHeaders,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';

// Sent with every call unless the request sets them. They live here and
// not in the instance's `defaults.headers` because axios merges and
// re-normalises every default header into every request (about 3 µs
// per request of 15 in a no-I/O loop).
const BASE_HEADERS = {
  accept: 'application/json',
  // Exactly the encodings `decoded()` below can undo.
  'accept-encoding': 'gzip, deflate, br',
  'user-agent': 'nestjs-operon',
} as const;

/**
 * The module's axios adapter: one `node:http(s)` request per call, the
 * body written together with the headers, the answer collected as text.
 * Axios's own Node adapter also handles proxies, redirects, streams, form
 * data and progress events, none of which Operon calls need, and costs
 * several times more CPU per request (see `bench/`). `params` and
 * `baseURL` are not supported: the client always sends absolute URLs.
 *
 * `timeout` bounds the whole exchange, not only socket inactivity, so a
 * server trickling bytes cannot hold a request open; it fails with code
 * `ECONNABORTED`, like axios's timeouts. `signal` aborts with
 * `ERR_CANCELED`. Every status resolves (the client decodes errors).
 * @internal
 */
export const operonHttpAdapter: AxiosAdapter = (config) =>
  new Promise((resolve, reject) => {
    const target = targetOf(config.url!);
    const { protocol, hostname, port, path } = target.options;
    const req = (target.secure ? httpsRequest : httpRequest)({
      protocol,
      hostname,
      port,
      path,
      method: methodOf(config.method),
      headers: headersOf(config.headers),
      agent: (target.secure ? config.httpsAgent : config.httpAgent) as
        HttpAgent | undefined,
    });
    let timer: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(timer);
      config.signal?.removeEventListener?.('abort', onAbort);
    };
    const fail = (error: Error) => {
      done();
      req.destroy();
      reject(error);
    };
    const onAbort = () => fail(failure('canceled', 'ERR_CANCELED'));
    if (config.timeout) {
      const message = `timeout of ${config.timeout}ms exceeded`;
      timer = setTimeout(() => fail(failure(message)), config.timeout);
    }
    if (config.signal?.aborted) return onAbort();
    config.signal?.addEventListener?.('abort', onAbort);

    req.on('error', fail);
    req.on('response', (res) => {
      readText(res, config.maxContentLength ?? -1).then((text) => {
        done();
        resolve(responseOf(res, text, config, req));
      }, fail);
    });
    req.end(config.data as string | Buffer | undefined);
  });

// Read straight off the `AxiosHeaders` (what `toJSON(true)` would copy
// into a prototype-less, hence slow, object first); names lower-cased so a
// request's `Accept` replaces the base `accept` instead of doubling it.
function headersOf(given: AxiosHeaders): Record<string, string> {
  // A literal, not `{ ...BASE_HEADERS }`: V8 gives a spread copy a shape
  // that adding the request's headers turns slow (measured 2 µs vs 0.2).
  const headers: Record<string, string> = {
    accept: BASE_HEADERS.accept,
    'accept-encoding': BASE_HEADERS['accept-encoding'],
    'user-agent': BASE_HEADERS['user-agent'],
  };
  for (const name of Object.keys(given)) {
    const value: unknown = given[name];
    if (value === undefined || value === null || value === false) continue;
    headers[lowerCase(name)] = Array.isArray(value)
      ? value.join(', ')
      : String(value);
  }
  return headers;
}

// A name lower-cased afresh is a new string that V8 must look up in its
// string table before it can serve as a key; the few header names in use
// are lower-cased once. Bounded, in case a caller invents names.
const lowerNames = new Map<string, string>();

function lowerCase(name: string): string {
  let lower = lowerNames.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (lowerNames.size < 256) lowerNames.set(name, lower);
  }
  return lower;
}

const METHODS: Readonly<Record<string, string>> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
};

function methodOf(method: string | undefined): string {
  return method ? (METHODS[method] ?? method.toUpperCase()) : 'GET';
}

interface Target {
  secure: boolean;
  options: { protocol: string; hostname: string; port: string; path: string };
}

// Operon URLs repeat (a submission is always the same two), so parsing
// each one once saves a `URL` per request; bounded by clearing.
const targets = new Map<string, Target>();
const MAX_TARGETS = 256;

function targetOf(url: string): Target {
  let target = targets.get(url);
  if (target) return target;
  const { protocol, hostname, port, pathname, search } = new URL(url);
  target = {
    secure: protocol === 'https:',
    options: {
      protocol,
      // `URL` keeps IPv6 literals bracketed; `http.request` wants them bare.
      hostname: hostname.replace(/^\[(.*)\]$/, '$1'),
      port,
      path: `${pathname}${search}`,
    },
  };
  if (targets.size >= MAX_TARGETS) targets.clear();
  targets.set(url, target);
  return target;
}

function responseOf(
  res: IncomingMessage,
  data: string,
  config: InternalAxiosRequestConfig,
  request: unknown,
): AxiosResponse<string> {
  return {
    data,
    status: res.statusCode ?? 0,
    statusText: res.statusMessage ?? '',
    // Node has already validated and lower-cased the names; handing axios
    // an `AxiosHeaders` spares it parsing them a second time.
    headers: Object.assign(new AxiosHeaders(), res.headers),
    config,
    request,
  };
}

function readText(res: IncomingMessage, maxBytes: number): Promise<string> {
  const source = decoded(res);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (maxBytes > -1 && size > maxBytes) {
        source.destroy();
        reject(failure(`maxContentLength size of ${maxBytes} exceeded`));
      } else chunks.push(chunk);
    });
    source.on('error', reject);
    res.on('close', () => {
      if (!res.complete) reject(failure('aborted', 'ECONNRESET'));
    });
    source.on('end', () =>
      resolve(
        chunks.length === 1
          ? chunks[0]!.toString('utf8')
          : Buffer.concat(chunks).toString('utf8'),
      ),
    );
  });
}

function decoded(res: IncomingMessage): Readable {
  const encoding = res.headers['content-encoding']?.trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  if (!decoder) return res;
  res.on('error', (error) => decoder.destroy(error));
  return res.pipe(decoder);
}

function failure(message: string, code = 'ECONNABORTED'): Error {
  return Object.assign(new Error(message), { code });
}
