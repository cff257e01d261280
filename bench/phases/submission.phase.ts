import { createAxiosTransportClient } from '../clients/axios-transport.client.js';
import { createFetchClient } from '../clients/fetch.client.js';
import { createModuleClient } from '../clients/module.client.js';
import { createNodeHttpClient } from '../clients/node-http.client.js';
import type {
  BenchTarget,
  SubmissionClient,
} from '../clients/submission-client.interface.js';
import { type LoadResult, runLoad } from '../support/load-runner.util.js';

/** One cell of the submission table. */
export interface SubmissionRow extends LoadResult {
  client: string;
  concurrency: number;
}

/** How long and how often each cell runs. */
export interface SubmissionPlan {
  concurrencies: number[];
  /** Rounds per cell; the median round (by throughput) is reported. */
  rounds: number;
  maxOpsPerRun: number;
  maxMsPerRun: number;
  warmupOps: number;
  /** Time each client first runs at concurrency 16, so the JIT is warm. */
  warmupMs: number;
}

/** The keys under which rows are compared. */
export const CLIENT_KEYS = {
  module: 'nestjs-operon',
  nodeHttp: 'node:http (reference)',
  fetch: 'fetch (reference)',
  axiosTransport: 'axios transport (diagnostic)',
} as const;

/**
 * Submission throughput and latency of the module, the two reference
 * clients and the diagnostic axios-transport client, interleaved round by
 * round so that background load on the machine hits all of them alike.
 */
export async function runSubmissionPhase(
  target: BenchTarget,
  plan: SubmissionPlan,
): Promise<SubmissionRow[]> {
  const clients: SubmissionClient[] = [
    await createModuleClient(target),
    await createNodeHttpClient(target),
    await createFetchClient(target),
    await createAxiosTransportClient(target),
  ];
  let next = 0;
  const rows: SubmissionRow[] = [];
  try {
    for (const client of clients) {
      const warm = { concurrency: 16, maxOps: 1e6, maxMs: plan.warmupMs };
      next += (await runLoad(client.submit, warm, next)).ops;
    }
    for (const concurrency of plan.concurrencies) {
      const runs = new Map<string, LoadResult[]>();
      for (let round = 0; round < plan.rounds; round++) {
        for (const client of clients) {
          const bounds = { concurrency, maxMs: plan.maxMsPerRun };
          const warm = { ...bounds, maxOps: plan.warmupOps };
          next += (await runLoad(client.submit, warm, next)).ops;
          const measure = { ...bounds, maxOps: plan.maxOpsPerRun };
          const result = await runLoad(client.submit, measure, next);
          next += result.ops;
          runs.set(client.name, [...(runs.get(client.name) ?? []), result]);
        }
      }
      for (const [client, results] of runs) {
        rows.push({ client, concurrency, ...median(results) });
      }
    }
  } finally {
    for (const client of clients) await client.close();
  }
  return rows;
}

function median(results: LoadResult[]): LoadResult {
  const sorted = [...results].sort((a, b) => a.opsPerSec - b.opsPerSec);
  return sorted[Math.floor(sorted.length / 2)]!;
}
