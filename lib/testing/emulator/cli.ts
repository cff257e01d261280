#!/usr/bin/env node
import { runCli } from './cli.runner.js';

// The CLI is the only place that talks to the terminal and sets the exit
// code; the library itself never does.
runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  onSignal: (signal, listener) => process.once(signal, listener),
}).then(
  ({ exitCode }) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`operon-emulator: ${message}\n`);
    process.exitCode = 1;
  },
);
