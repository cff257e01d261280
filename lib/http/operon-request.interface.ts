/**
 * One call to Operon, as the services describe it to the HTTP client.
 * @internal
 */
export interface OperonRequest {
  method: 'GET' | 'POST';
  /** Absolute URL. */
  url: string;
  /** Bearer token for the `Authorization` header. */
  token?: string;
  /** JSON body; sets `Content-Type: application/json`. */
  json?: unknown;
  /** Raw body sent as is (form bodies, signed payloads). */
  body?: Buffer | string;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** Overrides the module's `httpTimeoutMs`. */
  timeoutMs?: number;
  /** Safe to send again after a failure (PROTOCOL §13.2 idempotency). */
  idempotent?: boolean;
  /** `false` when the answer's body is ignored (heartbeat). */
  expectJson?: boolean;
  /** Aborts the request (and any retry) with an `OperonTransportError`. */
  signal?: AbortSignal;
}

/**
 * A success answer (status below 400).
 * @internal
 */
export interface OperonResponse<T = unknown> {
  status: number;
  data: T;
  headers: Record<string, unknown>;
}
