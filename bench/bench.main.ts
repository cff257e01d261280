import { BENCH_REALM, signedBenchBody } from './support/bench-realm.util.js';
import { BenchChild } from './support/child-process.util.js';
import { runSubmissionPhase } from './phases/submission.phase.js';
import type { BenchTarget } from './clients/submission-client.interface.js';

async function main(): Promise<void> {
  const signed = signedBenchBody(JSON.stringify({ event: 'bench' }));
  const server = await BenchChild.start(
    new URL('./support/bench-server.process.js', import.meta.url),
    [JSON.stringify(signed.didDocument)],
  );
  const target: BenchTarget = { url: server.ready.url!, ...BENCH_REALM };
  try {
    const rows = await runSubmissionPhase(target, {
      concurrencies: [1, 16, 64],
      rounds: 3,
      maxOpsPerRun: 20_000,
      maxMsPerRun: 2_000,
      warmupOps: 300,
    });
    console.table(rows.map((r) => ({ client: r.client, c: r.concurrency, tps: r.opsPerSec.toFixed(0), p50: r.p50Ms.toFixed(2), p99: r.p99Ms.toFixed(2), errors: r.errors, e: r.firstError })));
  } finally {
    await server.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
