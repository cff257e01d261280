import type { IncomingHttpHeaders } from 'node:http';
import type { OperonEmulatorClaims } from '../crypto/token.issuer.js';
import type { TokenIssuer } from '../crypto/token.issuer.js';
import type { RealmStore } from '../realm/realm.store.js';
import type { TransactionStore } from '../realm/transaction.store.js';

/**
 * A request as handlers see it: body read, path parameters decoded and,
 * on bearer routes, the verified token claims.
 * @internal
 */
export interface EmulatorRequest {
  method: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  params: Record<string, string>;
  claims: OperonEmulatorClaims;
}

/**
 * A handler's answer. `body` is JSON-encoded; `text` is sent verbatim.
 * @internal
 */
export interface EmulatorReply {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

/**
 * Settings that tests may change while the emulator runs.
 * @internal
 */
export interface EmulatorSettings {
  verifySignatures: boolean;
  tokenLifetimeSeconds: number;
}

/**
 * Everything a handler may read or change.
 * @internal
 */
export interface EmulatorContext {
  realm: RealmStore;
  tokens: TokenIssuer;
  transactions: TransactionStore;
  settings: EmulatorSettings;
}

/**
 * An endpoint implementation; errors are thrown as `EmulatorHttpError`.
 * @internal
 */
export type EmulatorHandler = (
  req: EmulatorRequest,
  ctx: EmulatorContext,
) => EmulatorReply;

/**
 * A 200 JSON answer.
 * @internal
 */
export function ok(body: unknown): EmulatorReply {
  return { status: 200, body };
}
