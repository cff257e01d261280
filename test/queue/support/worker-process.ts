import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { OperonModuleOptions } from '../../../lib/index.js';
import type { OperonQueueModuleOptions } from '../../../lib/queue/index.js';

const FIXTURE = join(
  import.meta.dirname,
  '../fixtures/queue-worker.fixture.mjs',
);

/** An app instance running queue workers in a child process. */
export interface WorkerProcess {
  child: ChildProcess;
  /** Correlation IDs it reported as submitted. */
  submitted: string[];
  stderr(): string;
  /** Kills it without warning, as a crash or `kill -9` would. */
  kill(): Promise<void>;
}

/** Starts the child and resolves once its app has bootstrapped. */
export function startWorkerProcess(
  dist: string,
  operon: OperonModuleOptions,
  queue: OperonQueueModuleOptions,
): Promise<WorkerProcess> {
  const config = JSON.stringify({ operon, queue });
  const child = spawn(process.execPath, [FIXTURE, dist, config], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const submitted: string[] = [];
  let errors = '';
  child.stderr!.on('data', (d: Buffer) => (errors += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const handle: WorkerProcess = {
    child,
    submitted,
    stderr: () => errors,
    kill: () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
  return new Promise((resolve, reject) => {
    let pending = '';
    child.stdout!.on('data', (d: Buffer) => {
      const lines = (pending + d.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') resolve(handle);
        else if (line.startsWith('submitted ')) submitted.push(line.slice(10));
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`worker process exited (${code}): ${errors}`)),
    );
  });
}
