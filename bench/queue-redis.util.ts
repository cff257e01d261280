import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';

/** A `redis-server` the queue benchmark started. */
export interface BenchRedis {
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
 * Starts `redis-server` on a free loopback port without persistence;
 * fails within 10 s if it does not come up (e.g. not installed).
 */
export async function startBenchRedis(): Promise<BenchRedis> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1'];
  const child = spawn(
    'redis-server',
    [...args, '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('redis: no start')),
      10_000,
    );
    let output = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis exited: ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Ready to accept connections')) return;
      clearTimeout(timer);
      resolve();
    });
  });
  return {
    connection: { host: '127.0.0.1', port },
    stop: async () => {
      process.off('exit', kill);
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
