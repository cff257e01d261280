import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import type { AxiosResponse, RawAxiosRequestHeaders } from 'axios';
import { firstValueFrom } from 'rxjs';
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
    const path = pathOf(req.url);
    const res = await this.exchange(req, path);
    const body = typeof res.data === 'string' ? res.data : '';
    const headers = res.headers as Record<string, unknown>;
    if (res.status >= 400) {
      throw apiErrorFrom({
        status: res.status,
        body,
        headers,
        method: req.method,
        path,
      });
    }
    if (req.expectJson === false) {
      return { status: res.status, data: undefined as T, headers };
    }
    return { status: res.status, data: decode<T>(body, res.status), headers };
  }

  // axios's `timeout` only bounds socket inactivity, so a server trickling
  // bytes would never trip it; the deadline bounds the whole exchange.
  private async exchange(
    req: OperonRequest,
    path: string,
  ): Promise<AxiosResponse<string>> {
    const timeoutMs = req.timeoutMs ?? this.options.httpTimeoutMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    try {
      return await firstValueFrom(
        this.http.request<string>({
          method: req.method,
          url: req.url,
          headers: headersFor(req),
          data: req.json === undefined ? req.body : JSON.stringify(req.json),
          timeout: timeoutMs,
          signal: deadline.signal,
        }),
      );
    } catch (error) {
      const timedOutAfter = deadline.signal.aborted ? timeoutMs : undefined;
      throw transportErrorFrom(error, req.method, path, timedOutAfter);
    } finally {
      clearTimeout(timer);
    }
  }
}

function headersFor(req: OperonRequest): RawAxiosRequestHeaders {
  const headers: RawAxiosRequestHeaders = { ...req.headers };
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
