// Queued submission throughput (issue 9): N transactions are enqueued
// while the queue is paused, then 1 or 2 worker processes submit them to
// the emulator (signature checks off, self-signing on: a sign call and a
// POST per transaction). Prints a table, writes bench/results-queue.json
// and stops by itself: every run is bounded in jobs and time.
import 'reflect-metadata';
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Test } from '@nestjs/testing';
import { OperonQueueModule, OperonQueueService } from '../lib/queue/index.js';
import { OperonEmulator } from '../lib/testing/index.js';
import { type BenchRedis, startBenchRedis } from './queue-redis.util.js';

const JOBS = Number(process.env.QUEUE_BENCH_JOBS ?? 2_000);
const CONCURRENCY = Number(process.env.QUEUE_BENCH_CONCURRENCY ?? 16);
const RUN_DEADLINE_MS = 90_000;
const WORKER = fileURLToPath(
  new URL('./queue-worker.process.js', import.meta.url),
);

interface Row {
  workers: number;
  concurrencyPerWorker: number;
  jobs: number;
  enqueuePerSec: number;
  seconds: number;
  submittedPerSec: number;
  jobP50Ms: number;
  jobP99Ms: number;
  failed: number;
  recorded: number;
}

async function main(): Promise<void> {
  const [redis, emu] = await Promise.all([
    startBenchRedis(),
    OperonEmulator.start({ verifySignatures: false, requestLogLimit: 0 }),
  ]);
  const rows: Row[] = [];
  try {
    for (const workers of [1, 2]) rows.push(await run(redis, emu, workers));
  } finally {
    await emu.stop();
    await redis.stop();
  }
  console.table(rows);
  const file = join(repoRoot(), 'bench/results-queue.json');
  writeFileSync(file, `${JSON.stringify(report(rows), null, 2)}\n`);
  console.log(`written to ${file}`);
}

async function run(
  redis: BenchRedis,
  emu: OperonEmulator,
  workers: number,
): Promise<Row> {
  const queueName = `operon-bench-${workers}w-${Date.now()}`;
  const queueOptions = {
    connection: redis.connection,
    queueName,
    concurrency: CONCURRENCY,
    removeOnComplete: false,
  };
  const producer = await Test.createTestingModule({
    imports: [
      OperonQueueModule.forRoot({
        ...queueOptions,
        runWorkers: false,
        logger: false,
      }),
    ],
  }).compile();
  await producer.init();
  const service = producer.get(OperonQueueService);
  const before = emu.transactions().length;
  try {
    const enqueueStart = performance.now();
    await enqueue(service, workers);
    const enqueueMs = performance.now() - enqueueStart;
    await service.queue.pause();
    const operon = emu.moduleOptions({ eagerInit: true });
    const children = await Promise.all(
      Array.from({ length: workers }, () =>
        startWorker({ operon, queue: queueOptions }),
      ),
    );
    const start = performance.now();
    await service.queue.resume();
    const failed = await waitUntilDone(service);
    const ms = performance.now() - start;
    await Promise.all(children.map(stopWorker));

    const durations = await jobDurations(service);
    return {
      workers,
      concurrencyPerWorker: CONCURRENCY,
      jobs: JOBS,
      enqueuePerSec: round(JOBS / (enqueueMs / 1000)),
      seconds: round(ms / 1000, 2),
      submittedPerSec: round((JOBS - failed) / (ms / 1000)),
      jobP50Ms: round(percentile(durations, 0.5), 1),
      jobP99Ms: round(percentile(durations, 0.99), 1),
      failed,
      recorded: emu.transactions().length - before,
    };
  } finally {
    await producer.close();
  }
}

async function enqueue(service: OperonQueueService, run: number) {
  for (let i = 0; i < JOBS; i += 100) {
    const batch = Array.from({ length: Math.min(100, JOBS - i) }, (_, j) =>
      service.enqueueTransaction({
        correlationId: `bench-${run}-${i + j}`,
        interactionId: 'intr-emulator-invoice',
        payload: { order: i + j, note: 'queued benchmark' },
      }),
    );
    await Promise.all(batch);
  }
}

// Bounded: gives up after RUN_DEADLINE_MS, so the bench always ends.
async function waitUntilDone(service: OperonQueueService): Promise<number> {
  const deadline = performance.now() + RUN_DEADLINE_MS;
  for (;;) {
    const counts = await service.queue.getJobCounts('completed', 'failed');
    const done = (counts.completed ?? 0) + (counts.failed ?? 0);
    if (done >= JOBS) return counts.failed ?? 0;
    if (performance.now() > deadline) {
      throw new Error(`queue bench: only ${done}/${JOBS} jobs finished`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function jobDurations(service: OperonQueueService): Promise<number[]> {
  const jobs = await service.queue.getCompleted(0, -1);
  return jobs
    .map((job) => (job.finishedOn ?? 0) - (job.processedOn ?? 0))
    .sort((a, b) => a - b);
}

function startWorker(config: object): Promise<ChildProcess> {
  const child = fork(WORKER, [JSON.stringify(config)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('queue bench: worker not ready within 30 s'));
    }, 30_000);
    child.once('message', (message: { type?: string; error?: string }) => {
      clearTimeout(timer);
      if (message.type === 'ready') resolve(child);
      else reject(new Error(`queue bench: worker failed: ${message.error}`));
    });
  });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.send({ type: 'stop' });
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function round(value: number, digits = 0): number {
  return Number(value.toFixed(digits));
}

function report(rows: Row[]) {
  return {
    benchmark: 'queued submission (BullMQ + Redis) against the emulator',
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    notes:
      'Signature checks off, self-signing on (sign + POST per job). ' +
      'Jobs enqueued while the queue is paused; the clock runs from ' +
      'resume until every job is completed. jobP50/P99: time a worker ' +
      'spent on one job. Emulator and producer share the driver process.',
    rows,
  };
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || dir.includes('.tmp')) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
