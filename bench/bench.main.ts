import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { FULL_PLAN, QUICK_PLAN } from './bench.plan.js';
import type { BenchTarget } from './clients/submission-client.interface.js';
import { guardScenarios } from './phases/guard-scenarios.js';
import { runGuardPhase } from './phases/guards.phase.js';
import { runRssPhase } from './phases/rss.phase.js';
import { runSingleFlightPhase } from './phases/single-flight.phase.js';
import { runSubmissionPhase } from './phases/submission.phase.js';
import { BENCH_REALM, signedBenchBody } from './support/bench-realm.util.js';
import { BenchChild } from './support/child-process.util.js';
import { type BenchResults, formatReport } from './support/report.util.js';
import { ratiosOf, targetsOf } from './bench.targets.js';

// `npm run bench`: the module against the bench server (a separate
// process on 127.0.0.1), next to two reference clients; prints a table and
// writes bench/results.json. `--quick` runs every phase briefly.

const RESULTS = new URL('../../../bench/results.json', import.meta.url);

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const plan = quick ? QUICK_PLAN : FULL_PLAN;
  const signed = signedBenchBody(JSON.stringify({ event: 'bench', n: 1 }));
  const server = await BenchChild.start(
    new URL('./support/bench-server.process.js', import.meta.url),
    [JSON.stringify(signed.didDocument)],
  );
  const target: BenchTarget = { url: server.ready.url!, ...BENCH_REALM };
  const results: BenchResults = {
    meta: {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      loadAverageAtStart: loadavg(),
      quick,
      plan,
    },
    submission: [],
    guards: [],
    ratios: [],
    targets: [],
  };
  try {
    log('submission throughput…');
    results.submission = await runSubmissionPhase(target, plan.submission);
    log('guarded endpoint…');
    const scenarios = guardScenarios(signed);
    results.guards = await runGuardPhase(target, scenarios, plan.guards);
    log('token single flight…');
    results.singleFlight = await runSingleFlightPhase(
      target,
      server,
      plan.singleFlightCalls,
    );
    log(`RSS over ${plan.rss.ops} submissions…`);
    results.rss = await runRssPhase(target, plan.rss);
  } finally {
    await server.stop();
  }
  results.meta.loadAverageAtEnd = loadavg();
  results.ratios = ratiosOf(results);
  results.targets = targetsOf(results);
  console.log(`\n${formatReport(results)}`);
  await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwritten: bench/results.json`);
}

function log(text: string): void {
  console.log(`[bench] ${text}`);
}

// Every phase is bounded; this only catches a bug in the bench itself.
const WATCHDOG_MS = 15 * 60_000;
setTimeout(() => {
  console.error('[bench] watchdog: still running after 15 min, stopping');
  process.exit(1);
}, WATCHDOG_MS).unref();

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
