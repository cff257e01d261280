import { describeError } from '../errors/describe-error.util.js';
import type { OperonHeartbeatState } from './operon-heartbeat.interface.js';

type Counters = Omit<
  OperonHeartbeatState,
  'enabled' | 'running' | 'busy' | 'intervalMs'
>;

/**
 * The heartbeat's record of beats, successes and failures. It keeps only a
 * safe description of errors, so the state can be logged or exposed.
 * @internal
 */
export class HeartbeatTracker {
  private counters: Counters = {
    consecutiveFailures: 0,
    beats: 0,
    skippedTicks: 0,
  };

  started(): void {
    this.counters.startedAt = new Date();
  }

  beatBegun(): void {
    this.counters.beats++;
    this.counters.lastBeatAt = new Date();
  }

  skipped(): void {
    this.counters.skippedTicks++;
  }

  /** Records a success; returns the failures it ends (for a log line). */
  succeeded(): number {
    const ended = this.counters.consecutiveFailures;
    this.counters.consecutiveFailures = 0;
    this.counters.lastSuccessAt = new Date();
    return ended;
  }

  failed(error: unknown): void {
    this.counters.consecutiveFailures++;
    this.counters.lastFailureAt = new Date();
    this.counters.lastError = describeError(error);
  }

  snapshot(
    live: Pick<
      OperonHeartbeatState,
      'enabled' | 'running' | 'busy' | 'intervalMs'
    >,
  ): OperonHeartbeatState {
    const c = this.counters;
    return {
      ...live,
      startedAt: copy(c.startedAt),
      lastBeatAt: copy(c.lastBeatAt),
      lastSuccessAt: copy(c.lastSuccessAt),
      lastFailureAt: copy(c.lastFailureAt),
      lastError: c.lastError,
      consecutiveFailures: c.consecutiveFailures,
      beats: c.beats,
      skippedTicks: c.skippedTicks,
    };
  }
}

function copy(date: Date | undefined): Date | undefined {
  return date && new Date(date.getTime());
}
