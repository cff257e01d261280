import { OperonEmulator } from './operon.emulator.js';
import type { OperonEmulatorOptions } from './emulator.options.js';

const USAGE = `Usage: operon-emulator [options]

  --port <n>              port to listen on (default 4010, 0 = any free port)
  --host <address>        interface to listen on (default 127.0.0.1)
  --token-lifetime <s>    access token lifetime in seconds (default 3600)
  --no-signature-checks   accept any signature (benchmarks)
  --help                  show this help
`;

/**
 * What the command line asks for.
 * @internal
 */
export type CliCommand =
  { kind: 'help' } | { kind: 'start'; options: OperonEmulatorOptions };

/**
 * The CLI's default port: fixed, so that a standalone emulator has a URL
 * people can put in an `.env` file.
 * @internal
 */
export const CLI_DEFAULT_PORT = 4010;

function integerArg(name: string, value: string | undefined): number {
  const parsed = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(parsed)) {
    throw new Error(`${name} needs an integer value`);
  }

  return parsed;
}

/**
 * Parses `--name value` and `--name=value` arguments.
 * @throws {Error} for unknown or incomplete arguments.
 * @internal
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const options: OperonEmulatorOptions = { port: CLI_DEFAULT_PORT };
  const args = argv.flatMap((arg) =>
    arg.startsWith('--') && arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg],
  );
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') {
      return { kind: 'help' };
    } else if (arg === '--port') {
      options.port = integerArg(arg, args[(i += 1)]);
    } else if (arg === '--host') {
      options.host = args[(i += 1)] ?? '';
      if (options.host.trim() === '') {
        throw new Error('--host needs a value');
      }
    } else if (arg === '--token-lifetime') {
      options.tokenLifetimeSeconds = integerArg(arg, args[(i += 1)]);
    } else if (arg === '--no-signature-checks') {
      options.verifySignatures = false;
    } else {
      throw new Error(`unknown argument ${String(arg)}`);
    }
  }

  return { kind: 'start', options };
}

// The text printed once the emulator listens; the credentials are the
// emulator's own test ones, printed so they can be copied into a client.
function describeEmulator(emulator: OperonEmulator): string {
  const { clientId, clientSecret } = emulator.credentials;

  return [
    'Operon emulator listening',
    `  base URL          ${emulator.baseUrl}`,
    `  token URL         ${emulator.tokenUrl}`,
    `  legacy token URL  ${emulator.legacyTokenUrl}`,
    `  DID resolver URL  ${emulator.didResolverUrl}`,
    `  heartbeat URL     ${emulator.heartbeatUrl}`,
    `  client ID         ${clientId}`,
    `  client secret     ${clientSecret}`,
    `  workstream        ${emulator.realm.defaultWorkstreamId}`,
    `  signature checks  ${emulator.signatureChecks ? 'on' : 'off'}`,
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

/**
 * Where the CLI writes and which signals stop it.
 * @internal
 */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  onSignal: (signal: NodeJS.Signals, listener: () => void) => void;
}

/**
 * Outcome of a CLI run: the running emulator, or the exit code to use.
 * @internal
 */
export interface CliResult {
  emulator?: OperonEmulator;
  exitCode: number;
}

/**
 * Runs the CLI: starts the emulator, prints its URLs and credentials, and
 * stops it on SIGINT or SIGTERM. Bad arguments print the usage and yield
 * exit code 2; a failed start rejects.
 * @internal
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
): Promise<CliResult> {
  let command: CliCommand;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    io.err(`operon-emulator: ${(error as Error).message}\n\n${USAGE}`);
    return { exitCode: 2 };
  }
  if (command.kind === 'help') {
    io.out(USAGE);
    return { exitCode: 0 };
  }
  const emulator = await OperonEmulator.start(command.options);
  io.out(describeEmulator(emulator));
  const stop = () => {
    io.out('Operon emulator stopping\n');
    void emulator.stop();
  };
  io.onSignal('SIGINT', stop);
  io.onSignal('SIGTERM', stop);

  return { emulator, exitCode: 0 };
}
