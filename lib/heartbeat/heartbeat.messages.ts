/**
 * The heartbeat is on but the application did not import `ScheduleModule`.
 * @internal
 */
export function scheduleModuleMissing(intervalMs: number): string {
  return (
    `OperonModule: sessionHeartbeatIntervalMs is ${intervalMs} but ` +
    `SchedulerRegistry is not available. Import ScheduleModule.forRoot() ` +
    `from '@nestjs/schedule' once in your application module, or set ` +
    `sessionHeartbeatIntervalMs to 0 to turn the heartbeat off.`
  );
}

/** @internal */
export function heartbeatStarted(intervalMs: number, name: string): string {
  return `Session heartbeat every ${intervalMs} ms (interval "${name}")`;
}

/** @internal */
export function beatSkippedNoToken(description: string): string {
  return `Heartbeat skipped: no access token (${description})`;
}

/** @internal */
export function beatRejected(): string {
  return 'Heartbeat answered 401: the session is gone, refreshing the token';
}

/** @internal */
export function refreshFailed(description: string): string {
  return `Token refresh after a heartbeat 401 failed: ${description}`;
}

/** @internal */
export function beatFailed(description: string): string {
  return `Heartbeat failed: ${description}`;
}

/** @internal */
export function beatRecovered(failures: number): string {
  return `Heartbeat succeeded again after ${failures} failure(s)`;
}

/** @internal */
export function tickCrashed(description: string): string {
  return `Heartbeat tick crashed: ${description}`;
}
