import { OperonAuthService } from '../../lib/index.js';
import { bootOperonContext } from '../clients/module.client.js';
import type { BenchTarget } from '../clients/submission-client.interface.js';
import type { BenchChild } from '../support/child-process.util.js';

/** Outcome of the token single-flight check. */
export interface SingleFlightResult {
  calls: number;
  /** Token requests the server received: 1 when callers share one. */
  tokenRequests: number;
  /** Distinct access tokens handed to the callers. */
  distinctTokens: number;
  durationMs: number;
}

/**
 * `calls` concurrent `getToken()` calls on a cold module: they must share
 * one token request.
 */
export async function runSingleFlightPhase(
  target: BenchTarget,
  server: BenchChild,
  calls: number,
): Promise<SingleFlightResult> {
  const app = await bootOperonContext(target);
  try {
    const auth = app.get(OperonAuthService);
    await server.ask({ type: 'reset' }, 'stats');
    const start = performance.now();
    const tokens = await Promise.all(
      Array.from({ length: calls }, () => auth.getToken()),
    );
    const durationMs = performance.now() - start;
    const stats = await server.ask({ type: 'stats' }, 'stats');
    return {
      calls,
      tokenRequests: stats.counts?.token ?? 0,
      distinctTokens: new Set(tokens.map((t) => t.accessToken)).size,
      durationMs,
    };
  } finally {
    await app.close();
  }
}
