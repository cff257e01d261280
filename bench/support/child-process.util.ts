import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';

/** A message from the bench driver to a child process. */
export interface ParentMessage {
  type: string;
  [key: string]: unknown;
}

/** A message from a child process to the bench driver. */
export interface ChildMessage {
  type: string;
  url?: string;
  counts?: Record<string, number>;
  result?: unknown;
  error?: string;
  [key: string]: unknown;
}

/**
 * A bench process (server, app under test, RSS probe) driven over IPC.
 * Every wait is bounded, so a stuck child fails the bench instead of
 * hanging it.
 */
export class BenchChild {
  private constructor(
    private readonly child: ChildProcess,
    /** The child's `ready` message. */
    readonly ready: ChildMessage,
  ) {}

  /** Forks `script` and waits for its `ready` message. */
  static async start(
    script: URL,
    args: string[] = [],
    execArgv: string[] = [],
    timeoutMs = 30_000,
  ): Promise<BenchChild> {
    const child = fork(script, args, {
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await nextMessage(child, 'ready', timeoutMs);
    return new BenchChild(child, ready);
  }

  /** Sends a message and waits for the answer of type `reply`. */
  async ask(
    message: ParentMessage,
    reply: string,
    timeoutMs = 10_000,
  ): Promise<ChildMessage> {
    const answer = nextMessage(this.child, reply, timeoutMs);
    this.child.send(message);
    return answer;
  }

  /** Asks the child to stop; kills it if it does not within 5 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    if (this.child.connected) this.child.send({ type: 'stop' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

function nextMessage(
  child: ChildProcess,
  type: string,
  timeoutMs: number,
): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`bench child: no '${type}' within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: ChildMessage) => {
      if (message.type === 'error') {
        cleanup();
        reject(new Error(`bench child failed: ${message.error}`));
      } else if (message.type === type) {
        cleanup();
        resolve(message);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`bench child exited (${code}) before '${type}'`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
