import { Inject, Injectable } from '@nestjs/common';
import { OperonAuthService } from '../auth/operon-auth.service.js';
import { describeError } from '../errors/describe-error.util.js';
import { OPERON_RESOLVED_OPTIONS } from '../operon.constants.js';
import type { ResolvedOperonOptions } from '../options/resolved-options.interface.js';
import type {
  OperonHealthCheckOptions,
  OperonHealthDetails,
  OperonHealthResult,
  OperonHeartbeatState,
} from './operon-heartbeat.interface.js';
import { OperonHeartbeatService } from './operon-heartbeat.service.js';

const DEFAULT_TOKEN_TIMEOUT_MS = 10_000;

/**
 * A health indicator for `@nestjs/terminus` that needs no import of it:
 * `up` when a token can be obtained and, with the heartbeat enabled, the
 * last heartbeat success (or the start, before the first one) is recent.
 *
 * `isHealthy()` never throws. It returns the `{ [key]: { status, ... } }`
 * object that terminus's `HealthIndicatorService.check(key).up()/down()`
 * builds; terminus 11 and 12 count a returned `down` as a failed check
 * (503). Nothing is thrown because terminus 12 has no `HealthCheckError`
 * any more and treats any other throw as a crash (500). Without terminus,
 * read `[key].status` yourself.
 * @example
 * health.check([() => operonHealth.isHealthy('operon')])
 * @publicApi
 */
@Injectable()
export class OperonHealthIndicator {
  constructor(
    @Inject(OPERON_RESOLVED_OPTIONS)
    private readonly options: ResolvedOperonOptions,
    @Inject(OperonAuthService) private readonly auth: OperonAuthService,
    @Inject(OperonHeartbeatService)
    private readonly heartbeat: OperonHeartbeatService,
  ) {}

  /**
   * Checks the token (bounded by `timeoutMs`) and the heartbeat.
   * @returns `{ [key]: { status: 'up' | 'down', ...details } }`
   */
  async isHealthy<const Key extends string = 'operon'>(
    key: Key = 'operon' as Key,
    options: OperonHealthCheckOptions = {},
  ): Promise<OperonHealthResult<Key>> {
    const details = await this.check(options);
    return { [key]: details } as OperonHealthResult<Key>;
  }

  private async check(
    options: OperonHealthCheckOptions,
  ): Promise<OperonHealthDetails> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
    let expiresAt: Date | undefined;
    try {
      ({ expiresAt } = await withTimeout(this.auth.getToken(), timeoutMs));
    } catch (error) {
      return { status: 'down', message: `no token: ${describeError(error)}` };
    }
    const token = expiresAt ? { tokenExpiresAt: expiresAt.toISOString() } : {};
    const state = this.heartbeat.getState();
    if (!state.enabled) return { status: 'up', ...token, heartbeat: 'off' };
    const problem = this.heartbeatProblem(state, options);
    const heartbeat = !state.running ? 'stopped' : problem ? 'stale' : 'fresh';
    return {
      status: problem ? 'down' : 'up',
      ...token,
      ...(problem ? { message: problem } : {}),
      heartbeat,
      lastHeartbeatSuccessAt: state.lastSuccessAt?.toISOString(),
      consecutiveFailures: state.consecutiveFailures,
    };
  }

  private heartbeatProblem(
    state: OperonHeartbeatState,
    options: OperonHealthCheckOptions,
  ): string | undefined {
    if (!state.running) return 'heartbeat not running';
    const settings = this.options.heartbeat!;
    const maxAgeMs =
      options.maxHeartbeatAgeMs ?? 3 * settings.intervalMs + settings.timeoutMs;
    const since = state.lastSuccessAt ?? state.startedAt;
    if (since && Date.now() - since.getTime() <= maxAgeMs) return undefined;
    const last = state.lastError ? `; last error: ${state.lastError}` : '';
    return `no heartbeat success for more than ${maxAgeMs} ms${last}`;
  }
}

/** Rejects after `ms` without leaving a timer behind either way. */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`token request took more than ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
