/** Bounds of one load run: it ends at whichever limit comes first. */
export interface LoadBounds {
  concurrency: number;
  /** Operations to start at most. */
  maxOps: number;
  /** Wall-clock budget; no new operation starts after it. */
  maxMs: number;
}

/** Outcome of one load run. */
export interface LoadResult {
  ops: number;
  errors: number;
  durationMs: number;
  /** Completed operations per second. */
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** First error message seen, if any. */
  firstError?: string;
}

/**
 * Runs `op` from `concurrency` workers until `maxOps` operations were
 * started or `maxMs` elapsed, recording each operation's latency.
 * `op(i)` receives a run-unique index (e.g. for correlation IDs).
 */
export async function runLoad(
  op: (index: number) => Promise<unknown>,
  bounds: LoadBounds,
  firstIndex = 0,
): Promise<LoadResult> {
  const latencies = new Float64Array(bounds.maxOps);
  let started = 0;
  let done = 0;
  let errors = 0;
  let firstError: string | undefined;
  const begin = performance.now();
  const deadline = begin + bounds.maxMs;

  const worker = async () => {
    while (started < bounds.maxOps && performance.now() < deadline) {
      const index = started++;
      const t0 = performance.now();
      try {
        await op(firstIndex + index);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      latencies[done++] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: bounds.concurrency }, worker));
  const durationMs = performance.now() - begin;
  const sorted = latencies.subarray(0, done).sort();
  return {
    ops: done,
    errors,
    durationMs,
    opsPerSec: (done - errors) / (durationMs / 1000),
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    firstError,
  };
}

/** Nearest-rank percentile of an ascending array; 0 when empty. */
export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, rank)]!;
}
