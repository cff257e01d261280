import autocannon from 'autocannon';
import type { BenchTarget } from '../clients/submission-client.interface.js';
import { benchModuleOptions } from '../clients/module.client.js';
import { BenchChild } from '../support/child-process.util.js';
import type { GuardScenario } from './guard-scenarios.js';

/** One row of the guard table. */
export interface GuardRow {
  key: string;
  name: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Non-2xx answers plus connection errors: must be 0. */
  failures: number;
}

/** How long and how often each row runs. */
export interface GuardPlan {
  rounds: number;
  durationSec: number;
  warmupSec: number;
  connections: number;
}

const APP = new URL('../support/guard-app.process.js', import.meta.url);

/**
 * Requests per second of a guarded endpoint, one app process per row,
 * rows interleaved round by round; the median round is reported.
 */
export async function runGuardPhase(
  target: BenchTarget,
  scenarios: GuardScenario[],
  plan: GuardPlan,
): Promise<GuardRow[]> {
  const apps: BenchChild[] = [];
  try {
    for (const scenario of scenarios) {
      const options = benchModuleOptions(target, scenario.moduleOptions);
      apps.push(await BenchChild.start(APP, [JSON.stringify(options)]));
    }
    const runs = scenarios.map(() => [] as GuardRow[]);
    for (let round = 0; round < plan.rounds; round++) {
      for (const [i, scenario] of scenarios.entries()) {
        const url = `${apps[i]!.ready.url}${scenario.path}`;
        if (round === 0) await fire(scenario, url, plan, plan.warmupSec);
        runs[i]!.push(await fire(scenario, url, plan, plan.durationSec));
      }
    }
    return runs.map((rows) => median(rows));
  } finally {
    for (const app of apps) await app.stop();
  }
}

async function fire(
  scenario: GuardScenario,
  url: string,
  plan: GuardPlan,
  durationSec: number,
): Promise<GuardRow> {
  const result = await autocannon({
    url,
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    connections: plan.connections,
    duration: durationSec,
    timeout: 10,
  });
  return {
    key: scenario.key,
    name: scenario.name,
    requestsPerSec: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors,
  };
}

function median(rows: GuardRow[]): GuardRow {
  const sorted = [...rows].sort((a, b) => a.requestsPerSec - b.requestsPerSec);
  return sorted[Math.floor(sorted.length / 2)]!;
}
