import { createHash, generateKeyPairSync, sign } from 'node:crypto';

/**
 * The fixed realm the bench server answers for: one workstream, two
 * participants, one interaction between them, and an Ed25519 key for the
 * sender so signature headers are real (local verification can check
 * them against the DID document the server publishes).
 */
export const BENCH_REALM = {
  clientId: 'bench-client',
  clientSecret: 'bench-secret-value',
  workstreamId: 'ws-bench',
  interactionId: 'ia-bench',
  sourceId: 'pt-source',
  sourceDid: 'did:operon:bench-source',
  targetId: 'pt-target',
  targetDid: 'did:operon:bench-target',
} as const;

/** An unsigned JWT-shaped token; the module only decodes its claims. */
export function benchJwt(claims: Record<string, unknown>): string {
  const enc = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims)}.bench`;
}

/** The M2M access token the bench token endpoint hands out. */
export function benchAccessToken(): string {
  return benchJwt({
    participant_did: BENCH_REALM.sourceDid,
    participant_id: BENCH_REALM.sourceId,
    workstream_id: BENCH_REALM.workstreamId,
    client_id: BENCH_REALM.clientId,
    exp: Math.floor(Date.now() / 1000) + 3600,
  });
}

/** A PAT for the session guard rows. */
export function benchPat(): string {
  return benchJwt({
    participant_did: BENCH_REALM.sourceDid,
    participant_id: BENCH_REALM.sourceId,
    workstream_id: BENCH_REALM.workstreamId,
    session_id: 'sess-bench',
    client_id: BENCH_REALM.clientId,
    exp: Math.floor(Date.now() / 1000) + 3600,
  });
}

/** SHA-256 → base64url without padding (PROTOCOL §4.3). */
export function sha256Url(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('base64url');
}

/** A signed request body with its five `X-Operon-*` headers. */
export interface SignedBody {
  body: string;
  headers: Record<string, string>;
  /** The sender's DID document, as the resolver serves it. */
  didDocument: object;
}

/**
 * Signs a body the way Operon's self-sign does (PROTOCOL §13.2): a
 * compact EdDSA JWS over the payload hash, kid `<did>#keys-1`.
 */
export function signedBenchBody(body: string): SignedBody {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const did = BENCH_REALM.sourceDid;
  const kid = `${did}#keys-1`;
  const payloadHash = sha256Url(body);
  const header = Buffer.from(JSON.stringify({ alg: 'EdDSA', kid }));
  const input = `${header.toString('base64url')}.${Buffer.from(
    payloadHash,
  ).toString('base64url')}`;
  const signature = sign(null, Buffer.from(input), privateKey);
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    body,
    headers: {
      'x-operon-did': did,
      'x-operon-payload-hash': payloadHash,
      'x-operon-signature': `${input}.${signature.toString('base64url')}`,
      'x-operon-signature-keyid': kid,
      'x-operon-signature-alg': 'EdDSA',
    },
    didDocument: {
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: did,
      verificationMethod: [
        {
          id: kid,
          type: 'JsonWebKey2020',
          controller: did,
          publicKeyJwk: { ...jwk, kid },
        },
      ],
      assertionMethod: [kid],
      authentication: [kid],
    },
  };
}
