import {
  generateKeyPairSync,
  randomUUID,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import {
  decodeJsonSegment,
  fromBase64Url,
  toBase64Url,
} from './base64url.util.js';
import { signBytes, verifyBytes } from './participant-keys.util.js';

/**
 * Claims of an emulator access token: the PROTOCOL §2.6 set plus the
 * registered `iat`, `exp`, `iss`, `sub` and `jti`. Extra claims (for
 * example the legacy `channel_id`) are allowed.
 * @publicApi
 */
export interface OperonEmulatorClaims {
  participant_did?: string;
  participant_id?: string;
  participant_name?: string;
  workstream_id?: string;
  channel_id?: string;
  customer_id?: string;
  workspace_id?: string;
  email?: string;
  name?: string;
  tenant_ids?: string[];
  roles?: string[];
  member_id?: string;
  session_id?: string;
  org_id?: string;
  client_id?: string;
  azp?: string;
  scope?: string;
  aud?: string[];
  iss?: string;
  sub?: string;
  jti?: string;
  iat?: number;
  exp?: number;
  [claim: string]: unknown;
}

/**
 * Outcome of checking a bearer token: the claims, or the 401 error code of
 * PROTOCOL §13.2 (`INVALID_TOKEN` or `SESSION_EXPIRED`).
 * @publicApi
 */
export type OperonEmulatorTokenCheck =
  | { valid: true; claims: OperonEmulatorClaims }
  | {
      valid: false;
      code: 'INVALID_TOKEN' | 'SESSION_EXPIRED';
      message: string;
    };

const ISSUER = 'operon-emulator';
// Verified tokens are remembered so that benchmark traffic pays for one
// Ed25519 verification per token, not per request.
const CACHE_LIMIT = 10_000;

/**
 * Issues, verifies and revokes the emulator's EdDSA-signed JWTs.
 * @internal
 */
export class TokenIssuer {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly revoked = new Set<string>();
  private readonly verified = new Map<string, OperonEmulatorClaims>();

  constructor() {
    const pair = generateKeyPairSync('ed25519');
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  /** The public key that verifies every token, as a JWK. */
  get publicJwk(): JsonWebKey {
    return { ...this.publicKey.export({ format: 'jwk' }), alg: 'EdDSA' };
  }

  /** Signs the claims, adding `iss`, `jti`, `iat` and `exp` when absent. */
  issue(claims: OperonEmulatorClaims, lifetimeSeconds: number): string {
    const iat = Math.floor(Date.now() / 1000);
    const payload: OperonEmulatorClaims = {
      iss: ISSUER,
      jti: randomUUID(),
      ...claims,
      iat: claims.iat ?? iat,
      exp: claims.exp ?? iat + Math.trunc(lifetimeSeconds),
    };
    for (const key of Object.keys(payload)) {
      if (payload[key] === undefined) {
        delete payload[key];
      }
    }
    const header = toBase64Url(
      JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid: ISSUER }),
    );
    const input = `${header}.${toBase64Url(JSON.stringify(payload))}`;
    const signature = signBytes(
      'EdDSA',
      Buffer.from(input, 'ascii'),
      this.privateKey,
    );

    return `${input}.${toBase64Url(signature)}`;
  }

  /** Checks signature, expiry and revocation. */
  verify(token: string): OperonEmulatorTokenCheck {
    const claims = this.verified.get(token) ?? this.verifySignature(token);
    if (claims === undefined) {
      return { valid: false, code: 'INVALID_TOKEN', message: 'invalid token' };
    }
    if (this.revoked.has(token) || this.revoked.has(String(claims.jti))) {
      return {
        valid: false,
        code: 'SESSION_EXPIRED',
        message: 'session revoked',
      };
    }
    if (Date.now() / 1000 >= Number(claims.exp)) {
      return {
        valid: false,
        code: 'SESSION_EXPIRED',
        message: 'session expired',
      };
    }

    return { valid: true, claims };
  }

  /** Revokes the token, and every copy of it through its `jti`. */
  revoke(token: string): void {
    this.revoked.add(token);
    const jti = this.verifySignature(token)?.jti;
    if (typeof jti === 'string') {
      this.revoked.add(jti);
    }
  }

  private verifySignature(token: string): OperonEmulatorClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) {
      return undefined;
    }
    const [header, payload, signature] = parts as [string, string, string];
    const decodedHeader = decodeJsonSegment(header) as { alg?: unknown };
    const claims = decodeJsonSegment(payload) as OperonEmulatorClaims;
    const signatureBytes = fromBase64Url(signature);
    const ok =
      decodedHeader?.alg === 'EdDSA' &&
      signatureBytes !== undefined &&
      typeof claims === 'object' &&
      claims !== null &&
      Number.isInteger(claims.exp) &&
      verifyBytes(
        'EdDSA',
        Buffer.from(`${header}.${payload}`, 'ascii'),
        this.publicKey,
        signatureBytes,
      );
    if (!ok) {
      return undefined;
    }
    if (this.verified.size >= CACHE_LIMIT) {
      this.verified.clear();
    }
    this.verified.set(token, claims);

    return claims;
  }
}
