/**
 * Route IDs of the emulated endpoints (PROTOCOL §1.3 E1–E12).
 * @publicApi
 */
export type OperonEmulatorRouteId =
  | 'token'
  | 'sign'
  | 'transactions'
  | 'interactions'
  | 'participants'
  | 'workstream'
  | 'workstreamInteractions'
  | 'workstreamParticipants'
  | 'verify'
  | 'validate'
  | 'heartbeat'
  | 'resolver';

/**
 * A fault to inject. Without `status`, `body`, `reset`, `malformedJson` or
 * `emptyBody` the request is answered normally, after `latencyMs` and with
 * `headers` added; otherwise the fault replaces the answer.
 * @publicApi
 */
export interface OperonEmulatorFault {
  /**
   * Which requests: a route ID, `'*'` for every known route, a route
   * template such as `'POST /v1/transactions'` or
   * `'GET /v1/workstreams/{workstreamId}'`, or a concrete
   * `'METHOD /path'` (decoded, relative to the client API base).
   */
  route: OperonEmulatorRouteId | '*' | (string & {});
  /** Status of the fault answer. @default 500 with `body`, else 200 */
  status?: number;
  /** Answer body: JSON-encoded, or sent verbatim when a string. */
  body?: unknown;
  /** Extra response headers, e.g. `{ 'retry-after': '1' }`. */
  headers?: Record<string, string>;
  /** Delay before answering (or before resetting). */
  latencyMs?: number;
  /** Destroy the connection without answering. */
  reset?: boolean;
  /** Answer with a JSON content type and a truncated JSON body. */
  malformedJson?: boolean;
  /** Answer with a JSON content type and no body. */
  emptyBody?: boolean;
  /** Apply to the next N matching requests only. */
  times?: number;
  /** Apply only during this many milliseconds from injection. */
  forMs?: number;
}

/**
 * An injected fault.
 * @publicApi
 */
export interface OperonEmulatorFaultHandle {
  /** Requests this fault has applied to. */
  readonly hits: number;
  /** Whether it still applies (not cleared, not used up, not expired). */
  readonly active: boolean;
  /** Removes the fault. */
  clear(): void;
}

/**
 * Fault injection, per route. The first active matching fault, in order
 * of injection, applies to a request.
 * @publicApi
 */
export interface OperonEmulatorFaults {
  /** @throws {TypeError} when the fault description is invalid. */
  inject(fault: OperonEmulatorFault): OperonEmulatorFaultHandle;
  /** Removes every fault. */
  clear(): void;
}
