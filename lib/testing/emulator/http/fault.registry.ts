import type {
  OperonEmulatorFault,
  OperonEmulatorFaultHandle,
  OperonEmulatorFaults,
} from './fault.types.js';

/**
 * What a request looks like to fault matching.
 * @internal
 */
export interface FaultTarget {
  routeId: string;
  /** `METHOD template`, e.g. `POST /v1/transactions`. */
  template: string;
  /** `METHOD path`, decoded, relative to its base. */
  concrete: string;
}

class FaultEntry implements OperonEmulatorFaultHandle {
  hits = 0;
  cleared = false;
  private readonly expiresAt: number;

  constructor(readonly fault: OperonEmulatorFault) {
    this.expiresAt = Date.now() + (fault.forMs ?? Infinity);
  }

  get active(): boolean {
    return (
      !this.cleared &&
      this.hits < (this.fault.times ?? Infinity) &&
      Date.now() < this.expiresAt
    );
  }

  clear(): void {
    this.cleared = true;
  }

  matches({ routeId, template, concrete }: FaultTarget): boolean {
    const { route } = this.fault;

    return (
      route === '*' ||
      route === routeId ||
      route === template ||
      route === concrete
    );
  }
}

function positive(value: number | undefined, name: string, min = 1): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= min)) {
    throw new TypeError(`OperonEmulator fault: ${name} must be >= ${min}`);
  }
}

function validate(fault: OperonEmulatorFault): void {
  if (typeof fault.route !== 'string' || fault.route.trim() === '') {
    throw new TypeError('OperonEmulator fault: route is required');
  }
  const { status } = fault;
  if (
    status !== undefined &&
    !(Number.isInteger(status) && status >= 100 && status <= 599)
  ) {
    throw new TypeError('OperonEmulator fault: status must be 100-599');
  }
  positive(fault.times, 'times');
  if (fault.times !== undefined && !Number.isInteger(fault.times)) {
    throw new TypeError('OperonEmulator fault: times must be an integer');
  }
  positive(fault.forMs, 'forMs');
  positive(fault.latencyMs, 'latencyMs', 0);
  const kinds = [
    fault.body !== undefined,
    fault.reset,
    fault.malformedJson,
    fault.emptyBody,
  ];
  if (kinds.filter(Boolean).length > 1) {
    throw new TypeError(
      'OperonEmulator fault: body, reset, malformedJson and emptyBody ' +
        'are exclusive',
    );
  }
}

/**
 * Holds injected faults and picks the one that applies to a request.
 * @internal
 */
export class FaultRegistry implements OperonEmulatorFaults {
  private entries: FaultEntry[] = [];

  inject(fault: OperonEmulatorFault): OperonEmulatorFaultHandle {
    validate(fault);
    const headers = Object.fromEntries(
      Object.entries(fault.headers ?? {}).map(([k, v]) => [
        k.toLowerCase(),
        String(v),
      ]),
    );
    const entry = new FaultEntry({ ...fault, headers });
    this.entries.push(entry);

    return entry;
  }

  clear(): void {
    for (const entry of this.entries) {
      entry.clear();
    }
    this.entries = [];
  }

  /** Finds the applicable fault and counts the hit. */
  take(target: FaultTarget): OperonEmulatorFault | undefined {
    if (this.entries.length === 0) {
      return undefined;
    }
    this.entries = this.entries.filter((entry) => entry.active);
    const entry = this.entries.find((candidate) => candidate.matches(target));
    if (entry === undefined) {
      return undefined;
    }
    entry.hits += 1;

    return entry.fault;
  }
}
