import {
  Inject,
  Injectable,
  type LoggerService,
  type OnModuleDestroy,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { OperonAccessToken } from '../auth/operon-claims.interface.js';
import { OperonAuthService } from '../auth/operon-auth.service.js';
import { describeError } from '../errors/describe-error.util.js';
import { OperonApiError } from '../errors/operon-api.error.js';
import { OperonConfigurationError } from '../errors/operon-configuration.error.js';
import { OperonHttpClient } from '../http/operon-http.client.js';
import { OPERON_RESOLVED_OPTIONS } from '../operon.constants.js';
import type {
  ResolvedHeartbeat,
  ResolvedOperonOptions,
} from '../options/resolved-options.interface.js';
import { createOperonLogger } from '../utils/operon-logger.util.js';
import * as messages from './heartbeat.messages.js';
import { HeartbeatLoop } from './heartbeat.loop.js';
import { HeartbeatTracker } from './heartbeat.state.js';
import type { OperonHeartbeatState } from './operon-heartbeat.interface.js';

/**
 * Name of the heartbeat's interval in `SchedulerRegistry` (a second
 * OperonModule in the same app gets `operon:heartbeat:2`, and so on).
 * @publicApi
 */
export const OPERON_HEARTBEAT_INTERVAL = 'operon:heartbeat';

/**
 * The session heartbeat (PROTOCOL §7): with `sessionHeartbeatIntervalMs`
 * above 0 it sends `GET {heartbeat URL}` with the bearer token at bootstrap
 * and then at a fixed rate, skipping a tick while a beat is in flight. A
 * 401 forces one token refresh; every other failure is logged and recorded
 * in `getState()`, never thrown. Needs the application to import
 * `ScheduleModule.forRoot()`; OperonModule never does.
 *
 * Started by `OperonLifecycleService` at bootstrap, stopped in
 * `onModuleDestroy`: that runs before schedule's own shutdown sweep, so the
 * interval is still ours to delete.
 * @publicApi
 */
@Injectable()
export class OperonHeartbeatService implements OnModuleInit, OnModuleDestroy {
  private readonly logger: LoggerService;
  private readonly tracker = new HeartbeatTracker();
  private loop?: HeartbeatLoop;
  private closed = false;
  // Ends an in-flight beat at shutdown, so close() waits for nothing.
  private readonly shutdown = new AbortController();

  constructor(
    @Inject(OPERON_RESOLVED_OPTIONS)
    private readonly options: ResolvedOperonOptions,
    @Inject(OperonAuthService) private readonly auth: OperonAuthService,
    @Inject(OperonHttpClient) private readonly http: OperonHttpClient,
    @Optional()
    @Inject(SchedulerRegistry)
    private readonly registry?: SchedulerRegistry,
  ) {
    this.logger = createOperonLogger(options, OperonHeartbeatService.name);
  }

  /**
   * Fails the boot early when the heartbeat cannot be scheduled.
   * @throws {OperonConfigurationError} heartbeat on, no `ScheduleModule`.
   */
  onModuleInit(): void {
    if (this.options.heartbeat) this.scheduler(this.options.heartbeat);
  }

  /**
   * Stops the heartbeat and aborts an in-flight beat, so that no request
   * or timer outlives `app.close()`.
   */
  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.shutdown.abort();
    await this.stop();
  }

  /** Whether `sessionHeartbeatIntervalMs` is above 0. */
  get enabled(): boolean {
    return this.options.heartbeat !== undefined;
  }

  /** A copy of the heartbeat's current state. */
  getState(): OperonHeartbeatState {
    return this.tracker.snapshot({
      enabled: this.enabled,
      running: this.loop?.registeredAs !== undefined,
      busy: this.loop?.busy ?? false,
      intervalMs: this.options.heartbeat?.intervalMs,
    });
  }

  /**
   * Starts the heartbeat if it is enabled and not running: first beat now,
   * then every interval. A no-op once the module is being destroyed.
   * @returns whether the heartbeat is running.
   * @throws {OperonConfigurationError} heartbeat on, no `ScheduleModule`.
   */
  start(): boolean {
    const settings = this.options.heartbeat;
    if (!settings || this.closed) return false;
    if (this.loop?.registeredAs) return true;
    this.loop ??= this.createLoop(settings, this.scheduler(settings));
    this.tracker.started();
    const name = this.loop.start();
    this.logger.log(messages.heartbeatStarted(settings.intervalMs, name));
    return true;
  }

  /**
   * Stops the heartbeat (it can be started again).
   * @returns the in-flight beat, if any, settled.
   */
  stop(): Promise<void> {
    return this.loop?.stop() ?? Promise.resolve();
  }

  private scheduler(settings: ResolvedHeartbeat): SchedulerRegistry {
    if (this.registry) return this.registry;
    throw new OperonConfigurationError(
      messages.scheduleModuleMissing(settings.intervalMs),
    );
  }

  private createLoop(
    settings: ResolvedHeartbeat,
    registry: SchedulerRegistry,
  ): HeartbeatLoop {
    return new HeartbeatLoop(
      registry,
      OPERON_HEARTBEAT_INTERVAL,
      settings.intervalMs,
      {
        beat: () => this.beat(settings),
        skipped: () => this.tracker.skipped(),
        crashed: (error) =>
          this.logger.error(messages.tickCrashed(describeError(error))),
      },
    );
  }

  private async beat(settings: ResolvedHeartbeat): Promise<void> {
    this.tracker.beatBegun();
    const token = await this.tokenOrSkip();
    if (!token || this.closed) return;
    try {
      // No `idempotent`: a beat is never retried, the next tick is the retry.
      await this.http.send({
        method: 'GET',
        url: settings.url,
        token: token.accessToken,
        timeoutMs: settings.timeoutMs,
        expectJson: false,
        signal: this.shutdown.signal,
      });
    } catch (error) {
      await this.failed(error);
      return;
    }
    const ended = this.tracker.succeeded();
    if (ended > 0) this.logger.log(messages.beatRecovered(ended));
  }

  private async tokenOrSkip(): Promise<OperonAccessToken | undefined> {
    try {
      return await this.auth.getToken();
    } catch (error) {
      this.tracker.failed(error);
      if (!this.closed) {
        this.logger.error(messages.beatSkippedNoToken(describeError(error)));
      }
      return undefined;
    }
  }

  private async failed(error: unknown): Promise<void> {
    this.tracker.failed(error);
    // Shutting down aborts an in-flight beat: expected, not worth a log.
    if (this.closed) return;
    if (!(error instanceof OperonApiError && error.status === 401)) {
      this.logger.error(messages.beatFailed(describeError(error)));
      return;
    }
    this.logger.warn(messages.beatRejected());
    try {
      await this.auth.forceRefresh();
    } catch (refreshError) {
      this.logger.error(messages.refreshFailed(describeError(refreshError)));
    }
  }
}
