import { OperonApiError } from '../errors/operon-api.error.js';
import { OperonTransportError } from '../errors/operon-transport.error.js';
import type { ResolvedRetry } from '../options/resolved-options.interface.js';

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/**
 * Whether a failed attempt may be tried again: throttling, gateway errors
 * and transport failures are transient; everything else is a real answer.
 * @internal
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof OperonTransportError) return true;
  return (
    error instanceof OperonApiError && RETRYABLE_STATUSES.has(error.status)
  );
}

/**
 * Delay before retry number `attempt` (0-based): exponential backoff,
 * jittered between half and all of it so that clients failing together do
 * not retry together, yet never retry at once; the server's `Retry-After`
 * when it says more; capped at `maxDelayMs` either way.
 * @internal
 */
export function retryDelayMs(
  policy: ResolvedRetry,
  attempt: number,
  error: unknown,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** attempt);
  const jittered = ceiling / 2 + Math.random() * (ceiling / 2);
  const serverSays =
    error instanceof OperonApiError ? (error.retryAfterMs ?? 0) : 0;
  return Math.min(policy.maxDelayMs, Math.max(jittered, serverSays));
}
