/**
 * What the session heartbeat has done so far, from
 * `OperonHeartbeatService.getState()`. Dates are copies.
 * @publicApi
 */
export interface OperonHeartbeatState {
  /** `sessionHeartbeatIntervalMs` is above 0. */
  enabled: boolean;
  /** The interval is registered: started and not stopped. */
  running: boolean;
  /** A beat is in flight right now. */
  busy: boolean;
  /** The configured period, when enabled. */
  intervalMs?: number;
  /** When the heartbeat was (last) started. */
  startedAt?: Date;
  /** When the last beat began. */
  lastBeatAt?: Date;
  /** When a beat last got a success answer. */
  lastSuccessAt?: Date;
  /** When a beat last failed (no token, error status, transport). */
  lastFailureAt?: Date;
  /** Safe one-line description of the last failure (never a secret). */
  lastError?: string;
  /** Failed beats since the last success. */
  consecutiveFailures: number;
  /** Beats begun since boot. */
  beats: number;
  /** Ticks skipped because the previous beat was still in flight. */
  skippedTicks: number;
}

/**
 * Options of `OperonHealthIndicator.isHealthy()`.
 * @publicApi
 */
export interface OperonHealthCheckOptions {
  /**
   * How long to wait for a token before reporting `down`.
   * @default 10000
   */
  timeoutMs?: number;
  /**
   * Oldest acceptable last heartbeat success (or start, before the first
   * success), when the heartbeat is enabled.
   * @default 3 × sessionHeartbeatIntervalMs + sessionHeartbeatTimeoutMs
   */
  maxHeartbeatAgeMs?: number;
}

/**
 * Details of one indicator, shaped like `@nestjs/terminus`'s
 * `HealthIndicatorResult` entries (`status` plus free details).
 * @publicApi
 */
export interface OperonHealthDetails {
  status: 'up' | 'down';
  [detail: string]: unknown;
}

/**
 * `{ [key]: { status, ...details } }`: assignable to terminus's
 * `HealthIndicatorResult`, without importing terminus.
 * @publicApi
 */
export type OperonHealthResult<Key extends string = string> = {
  [K in Key]: OperonHealthDetails;
};
