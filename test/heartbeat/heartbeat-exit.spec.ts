import { execFile, spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperonEmulator } from '../../lib/testing/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = join(
  import.meta.dirname,
  'fixtures/heartbeat-exit.fixture.mjs',
);
// Far longer than a clean exit takes, far shorter than the held beat.
const EXIT_DEADLINE_MS = 15_000;
const HELD_BEAT_MS = 60_000;

let tmp: string;
let dist: string;

interface Exit {
  code: number | null;
  killed: boolean;
  stdout: string;
  stderr: string;
}

/** Runs the fixture; kills it if it has not exited after the deadline. */
function runFixture(...args: string[]): Promise<Exit> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [FIXTURE, dist, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, EXIT_DEADLINE_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, killed, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'operon-heartbeat-exit-'));
  dist = join(tmp, 'dist');
  symlinkSync(join(ROOT, 'node_modules'), join(tmp, 'node_modules'), 'dir');
  writeFileSync(join(tmp, 'package.json'), '{"type":"module"}\n');
  const tsc = join(ROOT, 'node_modules/.bin/tsc');
  // Other areas' files may not type-check yet; tsc still emits them.
  await promisify(execFile)(
    tsc,
    ['-p', 'tsconfig.build.json', '--outDir', dist],
    {
      cwd: ROOT,
    },
  ).catch(() => undefined);
  if (!existsSync(join(dist, 'index.js'))) throw new Error('build failed');
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('a process with the heartbeat on', () => {
  it('exits by itself after app.close()', async () => {
    const exit = await runFixture('local');
    expect(exit.stderr).toBe('');
    expect(exit.killed).toBe(false);
    expect(exit.code).toBe(0);
    const report = JSON.parse(exit.stdout);
    expect(report).toMatchObject({ closed: true, running: false });
    expect(report.beats).toBeGreaterThanOrEqual(1);
    expect(report.lastSuccessAt).toEqual(expect.any(String));
  }, 30_000);

  it('exits by itself when closed with a beat in flight', async () => {
    const emu = await OperonEmulator.start();
    try {
      emu.faults.inject({ route: 'heartbeat', latencyMs: HELD_BEAT_MS });
      const options = emu.moduleOptions({
        sessionHeartbeatIntervalMs: 100,
        sessionHeartbeatTimeoutMs: HELD_BEAT_MS,
      });
      const exit = await runFixture('remote', JSON.stringify(options));
      expect(exit.stderr).toBe('');
      expect(exit.killed).toBe(false);
      expect(exit.code).toBe(0);
      // The fixture closes only once it sees the beat in flight.
      expect(JSON.parse(exit.stdout)).toMatchObject({
        closed: true,
        closedWhileBusy: true,
      });
    } finally {
      await emu.stop();
    }
  }, 30_000);
});
