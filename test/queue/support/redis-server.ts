import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Name of the test shown, and line logged, when Redis is missing. */
export const NOT_RUN_MESSAGE =
  'queue tests not run: redis-server not found; install it and run ' +
  'npm run test:queue';

/** `npm run test:queue` (or OPERON_REQUIRE_REDIS=1) insists on Redis. */
export const REDIS_REQUIRED =
  process.env.npm_lifecycle_event === 'test:queue' ||
  process.env.OPERON_REQUIRE_REDIS === '1';

/** Absolute path of `redis-server` on PATH, if any. */
export const REDIS_BINARY = findOnPath('redis-server');

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}

/** A `redis-server` this test file started. */
export interface RedisHandle {
  port: number;
  connection: { host: string; port: number };
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/**
 * Starts `redis-server` on a free loopback port without persistence and
 * resolves once it accepts connections. Retried on another port if the
 * chosen one was taken in between.
 */
export async function startRedis(): Promise<RedisHandle> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await launch(port);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

function launch(port: number): Promise<RedisHandle> {
  const args = ['--port', String(port), '--bind', '127.0.0.1'];
  args.push('--save', '', '--appendonly', 'no');
  const child = spawn(REDIS_BINARY ?? 'redis-server', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Ready to accept connections')) return;
      resolve({
        port,
        connection: { host: '127.0.0.1', port },
        stop: () => stop(child, kill),
      });
    });
    child.on('exit', (code) =>
      reject(new Error(`redis-server exited (${code}): ${output}`)),
    );
  });
}

function stop(child: ChildProcess, kill: () => void): Promise<void> {
  process.off('exit', kill);
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * `describe()` that runs `body` when `redis-server` is installed. Without
 * it, the block holds one test that says the queue tests were not run and
 * how to run them; that test fails under `npm run test:queue`.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (REDIS_BINARY) {
    describe(name, body);
    return;
  }
  describe(name, () => {
    it(NOT_RUN_MESSAGE, () => {
      console.warn(NOT_RUN_MESSAGE);
      expect(REDIS_REQUIRED, 'npm run test:queue needs redis-server').toBe(
        false,
      );
    });
  });
}
