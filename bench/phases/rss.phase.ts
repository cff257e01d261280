import type { BenchTarget } from '../clients/submission-client.interface.js';
import { BenchChild } from '../support/child-process.util.js';
import type { RssPlan } from '../support/rss.process.js';

/** Outcome of the memory check. */
export interface RssResult {
  submissions: number;
  errors: number;
  durationMs: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  rssGrowthMb: number;
  heapGrowthMb: number;
}

const PROBE = new URL('../support/rss.process.js', import.meta.url);

/**
 * RSS growth over `plan.ops` submissions, measured after forced GCs before
 * and after, in a fresh process.
 */
export async function runRssPhase(
  target: BenchTarget,
  plan: RssPlan,
): Promise<RssResult> {
  const probe = await BenchChild.start(
    PROBE,
    [JSON.stringify({ target, plan })],
    ['--expose-gc'],
  );
  try {
    const answer = await probe.ask(
      { type: 'noop' },
      'result',
      plan.maxMs * 2 + 60_000,
    );
    return answer.result as RssResult;
  } finally {
    await probe.stop();
  }
}
