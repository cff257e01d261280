// Queued submission throughput (issue 9): N transactions are enqueued
// while the queue is paused, then 1 or 2 worker processes submit them to
// the emulator (signature checks off, self-signing on: a sign call and a
// POST per transaction). Prints a table, writes bench/results-queue.json
// and stops by itself: every run is bounded in jobs and time.
import 'reflect-metadata';
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Test } from '@nestjs/testing';
import { OperonQueueModule, OperonQueueService } from '../lib/queue/index.js';
import { OperonEmulator } from '../lib/testing/index.js';
import { type BenchRedis, startBenchRedis } from './queue-redis.util.js';

const JOBS = Number(process.env.QUEUE_BENCH_JOBS ?? 2_000);
const CONCURRENCY = Number(process.env.QUEUE_BENCH_CONCURRENCY ?? 16);
// The machine is shared: runs alternate 1 and 2 workers, and the summary
// takes the median of each.
const ROUNDS = Number(process.env.QUEUE_BENCH_ROUNDS ?? 3);
const RUN_DEADLINE_MS = 90_000;
let runCount = 0;
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
  workerCpuMsPerJob: number;
  driverCpuMsPerJob: number;
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
    for (let round = 0; round < ROUNDS; round++) {
      for (const workers of [1, 2]) rows.push(await run(redis, emu, workers));
    }
  } finally {
    await emu.stop();
    await redis.stop();
  }
  const medians = summarise(rows);
  console.table(rows);
  console.table(medians);
  const file = join(repoRoot(), 'bench/results-queue.json');
  writeFileSync(file, `${JSON.stringify(report(medians, rows), null, 2)}\n`);
  console.log(`written to ${file}`);
}

function summarise(rows: Row[]) {
  return [1, 2].map((workers) => {
    const mine = rows.filter((row) => row.workers === workers);
    const median = (pick: (row: Row) => number) =>
      percentile(
        mine.map(pick).sort((a, b) => a - b),
        0.5,
      );
    return {
      workers,
      concurrencyPerWorker: CONCURRENCY,
      runs: mine.length,
      submittedPerSec: median((row) => row.submittedPerSec),
      jobP50Ms: median((row) => row.jobP50Ms),
      workerCpuMsPerJob: median((row) => row.workerCpuMsPerJob),
      driverCpuMsPerJob: median((row) => row.driverCpuMsPerJob),
    };
  });
}

async function run(
  redis: BenchRedis,
  emu: OperonEmulator,
  workers: number,
): Promise<Row> {
  const queueName = `operon-bench-${workers}w-${++runCount}`;
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
    await enqueue(service, queueName);
    const enqueueMs = performance.now() - enqueueStart;
    await service.queue.pause();
    const operon = emu.moduleOptions({ eagerInit: true });
    const children = await Promise.all(
      Array.from({ length: workers }, () =>
        startWorker({ operon, queue: queueOptions }),
      ),
    );
    const start = performance.now();
    const driverCpu = process.cpuUsage();
    await service.queue.resume();
    const failed = await waitUntilDone(service);
    const ms = performance.now() - start;
    const { user, system } = process.cpuUsage(driverCpu);
    const workerCpuMs = await Promise.all(children.map(stopWorker));

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
      workerCpuMsPerJob: round(sum(workerCpuMs) / JOBS, 2),
      driverCpuMsPerJob: round((user + system) / 1000 / JOBS, 2),
      failed,
      recorded: emu.transactions().length - before,
    };
  } finally {
    await producer.close();
  }
}

async function enqueue(service: OperonQueueService, run: string) {
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

// Resolves with the CPU milliseconds the worker spent on its jobs.
async function stopWorker(child: ChildProcess): Promise<number> {
  let cpuMs = Number.NaN;
  child.on('message', (message: { type?: string; cpuMs?: number }) => {
    if (message.type === 'stopped') cpuMs = message.cpuMs ?? cpuMs;
  });
  const exited = new Promise((r) => child.once('exit', r));
  child.send({ type: 'stop' });
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  return cpuMs;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function round(value: number, digits = 0): number {
  return Number(value.toFixed(digits));
}

function report(summary: ReturnType<typeof summarise>, rows: Row[]) {
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
      'spent on one job. CPU per job: worker processes (HTTP client, ' +
      'BullMQ) and the driver (emulator, mostly). Emulator and producer ' +
      'share the driver process; the machine has 2 cores, shared.',
    loadAverage: loadavg().map((value) => round(value, 2)),
    summary,
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
