import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import type {
  AxiosRequestConfig,
  AxiosResponse,
  RawAxiosRequestHeaders,
} from 'axios';
import { OperonDecodeError } from '../errors/operon-decode.error.js';
import {
  OPERON_HTTP_SERVICE,
  OPERON_RESOLVED_OPTIONS,
} from '../operon.constants.js';
import type { ResolvedOperonOptions } from '../options/resolved-options.interface.js';
import { apiErrorFrom, transportErrorFrom } from './operon-error.mapper.js';
import type {
  OperonRequest,
  OperonResponse,
} from './operon-request.interface.js';
import { isRetryable, retryDelayMs } from './retry-policy.util.js';

/**
 * The one door to Operon: every call of every service goes through
 * `send()`, which maps failures to the `OperonError` family, decodes JSON
 * and retries what is safe to retry.
 * @internal
 */
@Injectable()
export class OperonHttpClient implements OnApplicationShutdown {
  constructor(
    @Inject(OPERON_HTTP_SERVICE) private readonly http: HttpService,
    @Inject(OPERON_RESOLVED_OPTIONS)
    private readonly options: ResolvedOperonOptions,
  ) {}

  /**
   * Sends a request, retrying idempotent ones on transient failures.
   * @throws {OperonApiError | OperonTransportError | OperonDecodeError}
   */
  async send<T = unknown>(req: OperonRequest): Promise<OperonResponse<T>> {
    const policy = this.options.retry;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.sendOnce<T>(req);
      } catch (error) {
        const canRetry =
          policy &&
          req.idempotent &&
          attempt < policy.retries &&
          !req.signal?.aborted &&
          isRetryable(error);
        if (!canRetry) throw error;
        await sleep(retryDelayMs(policy, attempt, error));
      }
    }
  }

  /** Closes idle keep-alive sockets so the process can exit. */
  onApplicationShutdown(): void {
    const defaults = this.http.axiosRef.defaults;
    (defaults.httpAgent as { destroy?: () => void } | undefined)?.destroy?.();
    (defaults.httpsAgent as { destroy?: () => void } | undefined)?.destroy?.();
  }

  private async sendOnce<T>(req: OperonRequest): Promise<OperonResponse<T>> {
    const res = await this.exchange(req);
    const body = typeof res.data === 'string' ? res.data : '';
    const headers = res.headers as Record<string, unknown>;
    if (res.status >= 400) {
      throw apiErrorFrom({
        status: res.status,
        body,
        headers,
        method: req.method,
        path: pathOf(req.url),
      });
    }
    if (req.expectJson === false) {
      return { status: res.status, data: undefined as T, headers };
    }
    return { status: res.status, data: decode<T>(body, res.status), headers };
  }

  // Straight to the axios instance: the Observable wrapper of
  // `HttpService.request()` adds a cancel token per call that it cancels,
  // building an error, after every response. The adapter's timeout bounds
  // the whole exchange (`operon-http.adapter.ts`). Axios merges every
  // member of the config with the instance defaults, so an absent signal
  // is left out rather than set to `undefined`.
  private async exchange(req: OperonRequest): Promise<AxiosResponse<string>> {
    const config: AxiosRequestConfig = {
      method: req.method,
      url: req.url,
      headers: headersFor(req),
      data: req.json === undefined ? req.body : JSON.stringify(req.json),
      timeout: req.timeoutMs ?? this.options.httpTimeoutMs,
    };
    if (req.signal) config.signal = req.signal;
    try {
      return await this.http.axiosRef.request<string>(config);
    } catch (error) {
      throw transportErrorFrom(error, req.method, pathOf(req.url));
    }
  }
}

function headersFor(req: OperonRequest): RawAxiosRequestHeaders {
  // Copied member by member: adding to a spread copy is slow in V8.
  const headers: RawAxiosRequestHeaders = {};
  const given = req.headers;
  if (given) for (const name of Object.keys(given)) headers[name] = given[name];
  if (req.token) headers.Authorization = `Bearer ${req.token}`;
  if (req.json !== undefined) headers['Content-Type'] = 'application/json';
  return headers;
}

function decode<T>(body: string, status: number): T {
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new OperonDecodeError('decode response: body is not JSON', status);
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
