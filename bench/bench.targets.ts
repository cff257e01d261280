import { CLIENT_KEYS } from './phases/submission.phase.js';
import type { BenchResults } from './support/report.util.js';
import { check, ratio, type TargetCheck } from './support/targets.util.js';

const tpsOf = (results: BenchResults, client: string, concurrency = 16) =>
  results.submission.find(
    (r) => r.client === client && r.concurrency === concurrency,
  )?.opsPerSec;
const rpsOf = (results: BenchResults, key: string) =>
  results.guards.find((g) => g.key === key)?.requestsPerSec;

/** Ratios printed for information: other concurrencies, guard floors. */
export function ratiosOf(results: BenchResults): BenchResults['ratios'] {
  const tps = (client: string, c: number) => tpsOf(results, client, c);
  const rps = (key: string) => rpsOf(results, key);
  const { module, nodeHttp, fetch, axiosTransport } = CLIENT_KEYS;
  return [
    // Where the c=16 gap to node:http comes from: the transport alone
    // (reference flow through the module's axios instance), then the
    // module's own work on top of that transport.
    {
      name: 'submission c=16, axios transport / node:http',
      value: ratio(tps(axiosTransport, 16), tps(nodeHttp, 16)),
    },
    {
      name: 'submission c=16, module / axios transport',
      value: ratio(tps(module, 16), tps(axiosTransport, 16)),
    },
    ...[1, 64].flatMap((c) => [
      {
        name: `submission c=${c}, module / node:http`,
        value: ratio(tps(module, c), tps(nodeHttp, c)),
      },
      {
        name: `submission c=${c}, module / fetch`,
        value: ratio(tps(module, c), tps(fetch, c)),
      },
    ]),
    {
      name: 'session guard (warm) / a guard returning true',
      value: ratio(rps('sessionWarm'), rps('allowAll')),
    },
    {
      name: 'signature guard local / remote',
      value: ratio(rps('signatureLocal'), rps('signatureRemote')),
    },
  ];
}

/** The targets of issue 8, as ratios and bounds within the run. */
export function targetsOf(results: BenchResults): TargetCheck[] {
  const tps = (client: string) => tpsOf(results, client);
  const rps = (key: string) => rpsOf(results, key);
  const module = tps(CLIENT_KEYS.module);
  return [
    check(
      'submission c=16, module / node:http',
      ratio(module, tps(CLIENT_KEYS.nodeHttp)),
      '>=',
      0.7,
      '×',
    ),
    check(
      'submission c=16, module / fetch',
      ratio(module, tps(CLIENT_KEYS.fetch)),
      '>=',
      1.6,
      '×',
    ),
    check(
      'session guard (warm) / no guard',
      ratio(rps('sessionWarm'), rps('unguarded')),
      '>=',
      0.9,
      '×',
    ),
    check(
      'token single flight, token requests',
      results.singleFlight?.tokenRequests,
      '<',
      2,
    ),
    check('RSS growth', results.rss?.rssGrowthMb, '<', 20, ' MB'),
    check(
      'failed requests (submissions, guard rows, RSS run)',
      results.submission.reduce((n, r) => n + r.errors, 0) +
        results.guards.reduce((n, g) => n + g.failures, 0) +
        (results.rss?.errors ?? 0),
      '<',
      1,
    ),
  ];
}
