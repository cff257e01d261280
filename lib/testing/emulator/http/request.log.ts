import type { IncomingHttpHeaders } from 'node:http';
import type { OperonEmulatorRouteId } from './fault.types.js';

/**
 * One request as the emulator received it.
 * @publicApi
 */
export interface OperonEmulatorRequestRecord {
  method: string;
  /** Raw path as received, without the query (`%3A` stays `%3A`). */
  path: string;
  /** Raw request target, query included. */
  url: string;
  /** The route it matched; absent for unknown paths. */
  routeId?: OperonEmulatorRouteId;
  /** Header names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** Body as UTF-8 text (the first bytes only when it was too large). */
  body: string;
  /** Receipt time in milliseconds since the epoch. */
  timestamp: number;
}

/**
 * A bounded log of received requests; the oldest entries drop out first so
 * that long benchmark runs do not grow memory without limit.
 * @internal
 */
export class RequestLog {
  private entries: OperonEmulatorRequestRecord[] = [];

  constructor(private readonly limit: number) {}

  /**
   * Whether anything is kept; lets the server skip building records on
   * benchmark runs, which turn the log off.
   */
  get enabled(): boolean {
    return this.limit > 0;
  }

  record(entry: OperonEmulatorRequestRecord): void {
    if (!this.enabled) {
      return;
    }
    this.entries.push(entry);
    if (this.entries.length > this.limit) {
      this.entries.splice(0, this.entries.length - this.limit);
    }
  }

  list(): OperonEmulatorRequestRecord[] {
    return structuredClone(this.entries);
  }

  clear(): void {
    this.entries = [];
  }
}

/**
 * Flattens Node's header object into plain strings.
 * @internal
 */
export function flattenHeaders(
  headers: IncomingHttpHeaders,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }

  return flat;
}
