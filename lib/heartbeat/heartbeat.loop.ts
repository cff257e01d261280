import type { SchedulerRegistry } from '@nestjs/schedule';

/**
 * The part of `SchedulerRegistry` the loop uses.
 * @internal
 */
export type IntervalRegistry = Pick<
  SchedulerRegistry,
  'addInterval' | 'deleteInterval' | 'doesExist' | 'getInterval'
>;

/**
 * What the loop runs and reports.
 * @internal
 */
export interface HeartbeatLoopHooks {
  /** One beat. Expected to handle its own failures. */
  beat(): Promise<void>;
  /** A tick came while the previous beat was still in flight. */
  skipped(): void;
  /** `beat()` threw anyway. */
  crashed(error: unknown): void;
}

/**
 * A fixed-rate loop on `SchedulerRegistry` (PROTOCOL §7, Node style): a
 * first beat at start, then one per interval, a tick skipped while the
 * previous beat is in flight. The registry stores only the handle and
 * never wraps the callback, so every tick is guarded here.
 * @internal
 */
export class HeartbeatLoop {
  private name?: string;
  private handle?: ReturnType<typeof setInterval>;
  private inflight?: Promise<void>;

  constructor(
    private readonly registry: IntervalRegistry,
    private readonly baseName: string,
    private readonly intervalMs: number,
    private readonly hooks: HeartbeatLoopHooks,
  ) {}

  /** The registered interval name while running. */
  get registeredAs(): string | undefined {
    return this.name;
  }

  get busy(): boolean {
    return this.inflight !== undefined;
  }

  /** Registers the interval and begins the first beat; idempotent. */
  start(): string {
    if (this.name) return this.name;
    const name = freeName(this.registry, this.baseName);
    const handle = setInterval(() => this.tick(), this.intervalMs);
    // Housekeeping must never be the one thing keeping a process alive,
    // e.g. a script on createApplicationContext() that forgets close().
    handle.unref?.();
    this.registry.addInterval(name, handle);
    this.name = name;
    this.handle = handle;
    this.tick();
    return name;
  }

  /** Runs a beat now unless one is in flight or the loop is stopped. */
  tick(): void {
    if (!this.name) return;
    if (this.inflight) {
      this.hooks.skipped();
      return;
    }
    this.inflight = this.guarded().finally(() => {
      this.inflight = undefined;
    });
  }

  /**
   * Clears and unregisters the interval (only if the registry still holds
   * ours: schedule's shutdown sweep may have removed it) and returns the
   * in-flight beat, which callers may await or not.
   */
  stop(): Promise<void> {
    const { name, handle } = this;
    this.name = undefined;
    this.handle = undefined;
    if (handle !== undefined) clearInterval(handle);
    if (
      name !== undefined &&
      this.registry.doesExist('interval', name) &&
      this.registry.getInterval(name) === handle
    ) {
      this.registry.deleteInterval(name);
    }
    return this.inflight ?? Promise.resolve();
  }

  private async guarded(): Promise<void> {
    try {
      await this.hooks.beat();
    } catch (error) {
      try {
        this.hooks.crashed(error);
      } catch {
        // A throwing logger must not turn into an unhandled rejection.
      }
    }
  }
}

/** `base`, or `base:2`, `base:3`… when several modules run a heartbeat. */
function freeName(registry: IntervalRegistry, base: string): string {
  let name = base;
  for (let n = 2; registry.doesExist('interval', name); n++) {
    name = `${base}:${n}`;
  }
  return name;
}
