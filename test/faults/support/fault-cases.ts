import type {
  OperonEmulatorFault,
  OperonEmulatorRouteId,
} from '../../../lib/testing/index.js';
import { type FaultApp, faultTransaction } from './fault-app.js';

/** Module timeout in the fault suite; "timeout" faults wait longer. */
export const FAULT_TIMEOUT_MS = 200;

/** Fast retries, so the suite spends its time on faults, not on waits. */
export const FAULT_RETRY = { retries: 2, minDelayMs: 1, maxDelayMs: 20 };

/** What one call does when its endpoint misbehaves. */
export type FaultOutcome =
  | { kind: 'retried' }
  | { kind: 'api'; status: number }
  | { kind: 'transport'; timedOut: boolean }
  | { kind: 'decode' };

/** A way for an endpoint to fail, and what the module must make of it. */
export interface FaultKind {
  name: string;
  fault: Omit<OperonEmulatorFault, 'route'>;
  outcome: FaultOutcome;
  /** Requests the endpoint receives for the one call. */
  attempts: number;
}

const ONCE = { times: 1 };
const RETRIED = { kind: 'retried' } as const;
const ALL_ATTEMPTS = FAULT_RETRY.retries + 1;
const late = { latencyMs: FAULT_TIMEOUT_MS * 3 };

/**
 * The fault kinds of issue 8: a passing glitch of each retryable kind
 * (429, 503 with `Retry-After`, timeout, reset) is absorbed by a retry;
 * the same fault that persists ends in the typed error after every
 * attempt; 500, malformed JSON and an empty body are real answers and
 * fail at once.
 */
export const FAULT_KINDS: FaultKind[] = [
  {
    name: '500',
    fault: { status: 500 },
    outcome: { kind: 'api', status: 500 },
    attempts: 1,
  },
  {
    name: '503 with Retry-After, once',
    fault: { status: 503, headers: { 'retry-after': '1' }, ...ONCE },
    outcome: RETRIED,
    attempts: 2,
  },
  {
    name: '503 with Retry-After, persisting',
    fault: { status: 503, headers: { 'retry-after': '1' } },
    outcome: { kind: 'api', status: 503 },
    attempts: ALL_ATTEMPTS,
  },
  {
    name: '429, once',
    fault: { status: 429, ...ONCE },
    outcome: RETRIED,
    attempts: 2,
  },
  {
    name: '429, persisting',
    fault: { status: 429 },
    outcome: { kind: 'api', status: 429 },
    attempts: ALL_ATTEMPTS,
  },
  {
    name: 'timeout, once',
    fault: { ...late, ...ONCE },
    outcome: RETRIED,
    attempts: 2,
  },
  {
    name: 'timeout, persisting',
    fault: late,
    outcome: { kind: 'transport', timedOut: true },
    attempts: ALL_ATTEMPTS,
  },
  {
    name: 'connection reset, once',
    fault: { reset: true, ...ONCE },
    outcome: RETRIED,
    attempts: 2,
  },
  {
    name: 'connection reset, persisting',
    fault: { reset: true },
    outcome: { kind: 'transport', timedOut: false },
    attempts: ALL_ATTEMPTS,
  },
  {
    name: 'malformed JSON',
    fault: { status: 200, malformedJson: true },
    outcome: { kind: 'decode' },
    attempts: 1,
  },
  {
    name: 'empty body',
    fault: { status: 200, emptyBody: true },
    outcome: { kind: 'decode' },
    attempts: 1,
  },
];

/** What an endpoint call may use. */
export interface FaultContext {
  app: FaultApp;
  pat: string;
  signed: { payload: string; headers: Record<string, string> };
}

/** An Operon endpoint the module calls, and a module call that hits it. */
export interface FaultEndpoint {
  route: OperonEmulatorRouteId;
  call(ctx: FaultContext): Promise<unknown>;
}

/** Every endpoint of the client API the module calls (E1–E10). */
export const FAULT_ENDPOINTS: FaultEndpoint[] = [
  {
    route: 'token',
    call: ({ app }) => {
      app.auth.clear();
      return app.auth.getToken();
    },
  },
  {
    route: 'interactions',
    call: ({ app }) => app.transactions.reloadReferenceData(),
  },
  {
    route: 'participants',
    call: ({ app }) => app.transactions.reloadReferenceData(),
  },
  {
    route: 'sign',
    call: ({ app }) => app.transactions.submitTransaction(faultTransaction()),
  },
  {
    route: 'transactions',
    call: ({ app }) => app.transactions.submitTransaction(faultTransaction()),
  },
  { route: 'workstream', call: ({ app }) => app.workstreams.getWorkstream() },
  {
    route: 'workstreamInteractions',
    call: ({ app }) => app.workstreams.getWorkstreamInteractions(),
  },
  {
    route: 'workstreamParticipants',
    call: ({ app }) => app.workstreams.getWorkstreamParticipants(),
  },
  {
    route: 'verify',
    call: ({ app, signed }) =>
      app.signatures.validateSignatureHeaders(signed.payload, signed.headers),
  },
  { route: 'validate', call: ({ app, pat }) => app.pat.validateSession(pat) },
];
