import { inspect } from 'node:util';
import type { LoggerService } from '@nestjs/common';

/** One call to a {@link CapturingLogger} method. */
export interface CapturedLine {
  level: 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
  /** Every argument rendered as text, joined by spaces. */
  text: string;
}

/**
 * A `LoggerService` that records every line, for the `logger` option.
 * Non-string arguments are rendered with `util.inspect` (hidden members
 * included), so objects and errors handed to the logger are scanned in full.
 */
export class CapturingLogger implements LoggerService {
  readonly lines: CapturedLine[] = [];

  log(...args: unknown[]): void {
    this.push('log', args);
  }
  error(...args: unknown[]): void {
    this.push('error', args);
  }
  warn(...args: unknown[]): void {
    this.push('warn', args);
  }
  debug(...args: unknown[]): void {
    this.push('debug', args);
  }
  verbose(...args: unknown[]): void {
    this.push('verbose', args);
  }
  fatal(...args: unknown[]): void {
    this.push('fatal', args);
  }

  /** All captured text, one entry per line. */
  get texts(): string[] {
    return this.lines.map((line) => line.text);
  }

  private push(level: CapturedLine['level'], args: unknown[]): void {
    const text = args
      .map((a) =>
        typeof a === 'string' ? a : inspect(a, { depth: 10, showHidden: true }),
      )
      .join(' ');
    this.lines.push({ level, text });
  }
}
