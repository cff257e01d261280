import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BENCH_REALM as R,
  benchAccessToken,
  benchJwt,
} from './bench-realm.util.js';
import type { ChildMessage, ParentMessage } from './child-process.util.js';

// A stand-in for Operon that answers with canned, valid JSON and no logic
// at all, so that on a 2-core machine the server costs as little CPU as
// possible and the client under test stays the bottleneck. Serialised once:
// a request costs a body drain, a path switch and one write.
const BASE = '/client-api';
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

const didDocument: unknown = JSON.parse(process.argv[2] ?? '{}');
const counts: Record<string, number> = {};

const canned = {
  token: json({
    access_token: benchAccessToken(),
    token_type: 'Bearer',
    expires_in: 3600,
  }),
  interactions: json({
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
  }),
  participants: json({
    data: [
      { id: R.sourceId, did: R.sourceDid, name: 'Source', status: 'active' },
      { id: R.targetId, did: R.targetDid, name: 'Target', status: 'active' },
    ],
  }),
  sign: json({
    signature: {
      algorithm: 'EdDSA',
      value: `${benchJwt({ alg: 'EdDSA' })}`,
      keyId: `${R.sourceDid}#keys-1`,
    },
  }),
  transaction: json(cannedTransaction()),
  verify: json({
    status: 'VALID',
    message: 'Signature verified successfully',
    did: R.sourceDid,
    payloadHash: 'bench',
    algorithm: 'EdDSA',
    keyId: `${R.sourceDid}#keys-1`,
  }),
  validate: json({
    user_id: 'user-bench',
    email: 'bench@example.test',
    name: 'Bench User',
    customer_id: 'cust-bench',
    roles: ['bench'],
    feature_flags: {},
  }),
  didDocument: json(didDocument),
  notFound: json({ code: 'NOT_FOUND', message: 'no such endpoint' }),
};

function cannedTransaction() {
  const now = new Date().toISOString();
  return {
    id: 'tx-bench',
    correlationId: 'bench',
    workstreamId: R.workstreamId,
    interactionId: R.interactionId,
    timestamp: now,
    sourceDid: R.sourceDid,
    targetDid: R.targetDid,
    signature: { algorithm: 'EdDSA', value: 'c2ln', keyId: 'k' },
    payloadHash: 'x'.repeat(43),
    status: 'received',
    createdAt: now,
    updatedAt: now,
  };
}

function route(method: string, url: string): [string, Buffer, number] {
  if (method === 'POST' && url === '/oauth2/token') {
    return ['token', canned.token, 200];
  }
  if (url.startsWith('/1.0/identifiers/')) {
    return ['resolver', canned.didDocument, 200];
  }
  const path = url.startsWith(BASE) ? url.slice(BASE.length) : '';
  if (method === 'POST' && path === '/v1/dids/self/sign') {
    return ['sign', canned.sign, 200];
  }
  if (method === 'POST' && path === '/v1/transactions') {
    return ['transactions', canned.transaction, 200];
  }
  if (method === 'GET' && path === '/v1/interactions') {
    return ['interactions', canned.interactions, 200];
  }
  if (method === 'GET' && path === '/v1/participants') {
    return ['participants', canned.participants, 200];
  }
  if (method === 'GET' && path === '/v1/session/validate') {
    return ['validate', canned.validate, 200];
  }
  if (method === 'POST' && path.endsWith('/signature/verify')) {
    return ['verify', canned.verify, 200];
  }
  return ['other', canned.notFound, 404];
}

function answer(req: IncomingMessage, res: ServerResponse): void {
  const [name, body, status] = route(req.method ?? '', req.url ?? '');
  counts[name] = (counts[name] ?? 0) + 1;
  res.writeHead(status, [
    ['content-type', 'application/json'],
    ['content-length', String(body.length)],
  ]);
  res.end(body);
}

const server = createServer({ keepAlive: true }, (req, res) => {
  // Drain the body before answering, as a real server would.
  req.on('data', () => undefined);
  req.on('end', () => answer(req, res));
});
server.keepAliveTimeout = 60_000;
server.on('connection', () => {
  counts.connections = (counts.connections ?? 0) + 1;
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  send({ type: 'ready', url: `http://127.0.0.1:${port}` });
});

process.on('message', (message: ParentMessage) => {
  if (message.type === 'stats') send({ type: 'stats', counts: { ...counts } });
  if (message.type === 'reset') {
    for (const key of Object.keys(counts)) delete counts[key];
    send({ type: 'stats', counts: {} });
  }
  if (message.type === 'stop') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));

function send(message: ChildMessage): void {
  process.send?.(message);
}
