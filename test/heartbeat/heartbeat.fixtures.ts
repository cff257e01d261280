import type { LoggerService, ModuleMetadata } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { Test, type TestingModule } from '@nestjs/testing';
import { OperonModule, type OperonModuleOptions } from '../../lib/index.js';
import type { OperonEmulator } from '../../lib/testing/index.js';

/** One line the module logged. */
export interface LogLine {
  level: 'log' | 'error' | 'warn' | 'debug' | 'verbose';
  message: string;
}

/** A LoggerService that keeps every line, to assert on levels and text. */
export class CaptureLogger implements LoggerService {
  readonly lines: LogLine[] = [];
  log = (m: unknown) => void this.push('log', m);
  error = (m: unknown) => void this.push('error', m);
  warn = (m: unknown) => void this.push('warn', m);
  debug = (m: unknown) => void this.push('debug', m);
  verbose = (m: unknown) => void this.push('verbose', m);

  at(level: LogLine['level']): string[] {
    return this.lines.filter((l) => l.level === level).map((l) => l.message);
  }

  private push(level: LogLine['level'], message: unknown): void {
    this.lines.push({ level, message: String(message) });
  }
}

/** Polls until `check` returns true, or fails with `what`. */
export async function waitFor(
  what: string,
  check: () => boolean,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Requests the emulator received on one route. */
export function routeHits(emu: OperonEmulator, routeId: string): number {
  return emu.requests().filter((r) => r.routeId === routeId).length;
}

/** Options for booting a module against the emulator. */
export interface BootOptions {
  options?: OperonModuleOptions;
  schedule?: boolean;
  extra?: ModuleMetadata;
}

/**
 * Compiles a testing module with OperonModule (and ScheduleModule unless
 * `schedule: false`). Call `init()` on the result to run the bootstrap.
 */
export async function compileApp(
  emu: OperonEmulator,
  boot: BootOptions = {},
): Promise<TestingModule> {
  const imports = [
    ...(boot.schedule === false ? [] : [ScheduleModule.forRoot()]),
    OperonModule.forRoot(emu.moduleOptions(boot.options)),
    ...(boot.extra?.imports ?? []),
  ];
  return Test.createTestingModule({ ...boot.extra, imports }).compile();
}
