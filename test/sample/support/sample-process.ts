import { type ChildProcess, spawn } from 'node:child_process';

const URL_LINE = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

/** A running sample app. */
export interface SampleProcess {
  /** The URL it printed, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it exited. */
  stop(graceMs?: number): Promise<ExitInfo>;
}

/** How the process ended. */
export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The environment a user's shell would give the sample: the test runner's
 * own, minus anything that would change what the sample does.
 */
export function sampleEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !key.startsWith('OPERON_') && key !== 'PORT' && key !== 'NODE_OPTIONS',
    ),
  );
  return { ...env, NO_COLOR: '1', PORT: '0', ...extra };
}

/**
 * Starts `node <main>` and waits until it prints the URL it listens on.
 * @throws when it exits first or prints nothing within `timeoutMs`.
 */
export async function startSample(
  main: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 45_000,
): Promise<SampleProcess> {
  const child = spawn(process.execPath, [main], { cwd, env });
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (text += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (text += chunk));
  const exited = exitOf(child);
  try {
    const url = await waitForUrl(() => text, exited, timeoutMs);
    return { url, output: () => text, stop: (ms) => stop(child, exited, ms) };
  } catch (error) {
    await stop(child, exited, 2_000);
    throw new Error(`${(error as Error).message}\n--- output ---\n${text}`);
  }
}

function exitOf(child: ChildProcess): Promise<ExitInfo> {
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
}

async function waitForUrl(
  read: () => string,
  exited: Promise<ExitInfo>,
  timeoutMs: number,
): Promise<string> {
  let done: ExitInfo | undefined;
  void exited.then((info) => (done = info));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = URL_LINE.exec(read());
    if (match) return match[1]!;
    if (done) throw new Error(`the sample exited early (${describe(done)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the sample printed no URL within ${timeoutMs} ms`);
}

async function stop(
  child: ChildProcess,
  exited: Promise<ExitInfo>,
  graceMs = 10_000,
): Promise<ExitInfo> {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

function describe(info: ExitInfo): string {
  return info.signal ? `signal ${info.signal}` : `exit code ${info.code}`;
}
