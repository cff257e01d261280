import { BENCH_REALM as R, benchAccessToken } from './bench-realm.util.js';

/** The canned answer bodies of the bench server, by route name. */
export function benchBodies(didDocument: unknown): Record<string, unknown> {
  const now = new Date().toISOString();
  const keyId = `${R.sourceDid}#keys-1`;
  return {
    token: {
      access_token: benchAccessToken(),
      token_type: 'Bearer',
      expires_in: 3600,
    },
    interactions: {
      data: [
        {
          id: R.interactionId,
          workstreamId: R.workstreamId,
          name: 'Bench interaction',
          status: 'active',
          sourceParticipantId: R.sourceId,
          targetParticipantId: R.targetId,
          type: 'touch',
          actor: 'ai',
        },
      ],
    },
    participants: {
      data: [
        { id: R.sourceId, did: R.sourceDid, name: 'Source', status: 'active' },
        { id: R.targetId, did: R.targetDid, name: 'Target', status: 'active' },
      ],
    },
    sign: {
      signature: {
        algorithm: 'EdDSA',
        value: 'eyJhbGciOiJFZERTQSJ9.YmVuY2g.c2lnbmF0dXJl',
        keyId,
      },
    },
    transactions: {
      id: 'tx-bench',
      correlationId: 'bench',
      workstreamId: R.workstreamId,
      interactionId: R.interactionId,
      timestamp: now,
      sourceDid: R.sourceDid,
      targetDid: R.targetDid,
      signature: { algorithm: 'EdDSA', value: 'c2ln', keyId },
      payloadHash: 'x'.repeat(43),
      status: 'received',
      createdAt: now,
      updatedAt: now,
    },
    verify: {
      status: 'VALID',
      message: 'Signature verified successfully',
      did: R.sourceDid,
      payloadHash: 'bench',
      algorithm: 'EdDSA',
      keyId,
    },
    validate: {
      user_id: 'user-bench',
      email: 'bench@example.test',
      name: 'Bench User',
      customer_id: 'cust-bench',
      roles: ['bench'],
      feature_flags: {},
    },
    resolver: didDocument,
    other: { code: 'NOT_FOUND', message: 'no such endpoint' },
  };
}

/** Which canned answer a request line gets. */
export function benchRoute(method: string, url: string): string {
  if (method === 'POST' && url === '/oauth2/token') return 'token';
  if (method === 'GET' && url.startsWith('/1.0/identifiers/')) {
    return 'resolver';
  }
  const base = '/client-api';
  const path = url.startsWith(base) ? url.slice(base.length) : '';
  if (method === 'POST') {
    if (path === '/v1/dids/self/sign') return 'sign';
    if (path === '/v1/transactions') return 'transactions';
    if (path.endsWith('/signature/verify')) return 'verify';
  }
  if (method === 'GET') {
    if (path === '/v1/interactions') return 'interactions';
    if (path === '/v1/participants') return 'participants';
    if (path === '/v1/session/validate') return 'validate';
  }
  return 'other';
}
