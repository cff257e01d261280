import type { OperonModuleOptions } from '../../lib/index.js';
import { benchPat, type SignedBody } from '../support/bench-realm.util.js';

/**
 * One row of the guard table: a request autocannon repeats against the
 * guard app, started with the row's own module options. Add a row here
 * to bench another guard or mode (e.g. `verification: 'local'`).
 */
export interface GuardScenario {
  /** Stable key, used by the targets and in `results.json`. */
  key: string;
  /** Label printed in the table. */
  name: string;
  method: 'GET' | 'POST';
  /** Route of the guard app (`support/guard-app.process.ts`). */
  path: '/open' | '/trivial' | '/session' | '/signed';
  headers?: Record<string, string>;
  body?: string;
  /** Module options on top of the bench server's URLs and credentials. */
  moduleOptions?: OperonModuleOptions;
}

/**
 * The guard rows. The session row's PAT is validated once by the warm-up
 * run and then served from `OperonSessionCache`; the signature rows carry
 * a real EdDSA signature whose DID document the bench server publishes.
 */
export function guardScenarios(signed: SignedBody): GuardScenario[] {
  const signedRequest = {
    method: 'POST' as const,
    path: '/signed' as const,
    headers: { ...signed.headers, 'content-type': 'application/json' },
    body: signed.body,
  };
  // The three GET rows send the same request, PAT included, so that they
  // differ only by the guard and not by the bytes parsed.
  const withPat = { authorization: `Bearer ${benchPat()}` };
  return [
    {
      key: 'unguarded',
      name: 'no guard',
      method: 'GET',
      path: '/open',
      headers: withPat,
    },
    {
      key: 'allowAll',
      name: 'a guard returning true (Nest floor)',
      method: 'GET',
      path: '/trivial',
      headers: withPat,
    },
    {
      key: 'sessionWarm',
      name: 'OperonSessionGuard (warm cache)',
      method: 'GET',
      path: '/session',
      headers: withPat,
    },
    {
      key: 'signatureRemote',
      name: 'OperonSignatureGuard (remote)',
      ...signedRequest,
      moduleOptions: { verification: 'remote' },
    },
    {
      key: 'signatureLocal',
      name: 'OperonSignatureGuard (local)',
      ...signedRequest,
      moduleOptions: { verification: 'local' },
    },
  ];
}
