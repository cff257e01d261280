import { STATUS_CODES } from 'node:http';
import { OperonApiError } from '../errors/operon-api.error.js';
import { OperonTransportError } from '../errors/operon-transport.error.js';
import { clean } from '../utils/strings.util.js';

const MAX_BODY_IN_MESSAGE = 1000;

/** What the mapper needs to know about a failed response. @internal */
export interface FailedResponse {
  status: number;
  body: string;
  headers: Record<string, unknown>;
  method: string;
  path: string;
}

/**
 * Decodes an error response the way the reference SDK does (PROTOCOL
 * §8.1): `{code, message}` objects give both; an object with only a code
 * gets the status line; any other JSON or text gives the raw body; an empty
 * body gives the status line.
 * @internal
 */
export function apiErrorFrom(res: FailedResponse): OperonApiError {
  const statusLine = `${res.status} ${STATUS_CODES[res.status] ?? ''}`.trim();
  const text = res.body.trim();
  let message = text ? text.slice(0, MAX_BODY_IN_MESSAGE) : statusLine;
  let code: string | undefined;
  let details: unknown;

  const parsed = parseJson(text);
  if (isRecord(parsed)) {
    const typesOk = ['code', 'message'].every(
      (k) => parsed[k] === undefined || typeof parsed[k] === 'string',
    );
    if (typesOk) {
      code = clean(parsed.code);
      message = clean(parsed.message) ?? statusLine;
      details = parsed.details;
    }
  }
  return new OperonApiError({
    status: res.status,
    message,
    code,
    details,
    method: res.method,
    path: res.path,
    requestId: header(res.headers, 'x-request-id'),
    retryAfterMs: retryAfterMs(header(res.headers, 'retry-after')),
  });
}

/**
 * Wraps a network-level failure. The axios error itself is dropped: it
 * carries the request config, and with it the `Authorization` header.
 * `deadlineMs` lets a caller that enforces its own deadline report the
 * failure like axios's timeouts, whatever error the abort produced (the
 * client does not need it: the adapter's timeout already reports so).
 * @internal
 */
export function transportErrorFrom(
  error: unknown,
  method: string,
  path: string,
  deadlineMs?: number,
): OperonTransportError {
  const source = error as { message?: unknown; code?: unknown };
  let code = typeof source?.code === 'string' ? source.code : undefined;
  let message =
    typeof source?.message === 'string' ? source.message : 'network error';
  if (deadlineMs !== undefined) {
    code = 'ECONNABORTED';
    message = `timeout of ${deadlineMs}ms exceeded`;
  }
  const cause = new Error(message);
  if (code) Object.assign(cause, { code });
  return new OperonTransportError({
    method,
    path,
    code,
    timedOut: code === 'ECONNABORTED' || code === 'ETIMEDOUT',
    cause,
  });
}

/**
 * `Retry-After` as milliseconds: delta-seconds or an HTTP date.
 * @internal
 */
export function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function header(
  headers: Record<string, unknown>,
  name: string,
): string | undefined {
  const value = headers[name];
  return typeof value === 'string' && value ? value : undefined;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
