import 'reflect-metadata';
import { createModuleClient } from '../clients/module.client.js';
import type { BenchTarget } from '../clients/submission-client.interface.js';
import type { ChildMessage } from './child-process.util.js';
import { runLoad } from './load-runner.util.js';

// Measures resident memory growth over many submissions in a process of
// its own (started with --expose-gc), so the driver's allocations (other
// clients, autocannon) cannot blur it. argv[2]: JSON { target, plan }.

/** What the driver asks for. */
export interface RssPlan {
  warmupOps: number;
  ops: number;
  concurrency: number;
  maxMs: number;
}

const MB = 1024 * 1024;

function settledRss(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().rss;
}

async function main(): Promise<void> {
  const { target, plan } = JSON.parse(process.argv[2]!) as {
    target: BenchTarget;
    plan: RssPlan;
  };
  const client = await createModuleClient(target);
  const bounds = { concurrency: plan.concurrency, maxMs: plan.maxMs };
  await runLoad(client.submit, { ...bounds, maxOps: plan.warmupOps });
  const before = settledRss();
  const heapBefore = process.memoryUsage().heapUsed;
  const run = await runLoad(
    client.submit,
    { ...bounds, maxOps: plan.ops },
    plan.warmupOps,
  );
  const after = settledRss();
  const heapAfter = process.memoryUsage().heapUsed;
  await client.close();
  send({
    type: 'result',
    result: {
      submissions: run.ops,
      errors: run.errors,
      durationMs: run.durationMs,
      rssBeforeMb: before / MB,
      rssAfterMb: after / MB,
      rssGrowthMb: (after - before) / MB,
      heapGrowthMb: (heapAfter - heapBefore) / MB,
    },
  });
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

process.on('message', (message: { type?: string }) => {
  if (message.type === 'stop') process.exit(0);
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
void main().catch((error: unknown) => {
  send({ type: 'error', error: String(error) });
  process.exitCode = 1;
});
