import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import {
  DidResolverService,
  type OperonDidDocument,
  OperonDidError,
  type OperonDidErrorKind,
  type OperonModuleOptions,
  type SigningAlgorithm,
} from '../../../lib/index.js';
import type { OperonEmulator } from '../../../lib/testing/index.js';
import { bootOperon, type OperonTestApp } from '../../support/operon-app.js';

/** The DIDs of the emulator's seeded participants. */
export const DIDS = {
  supplier: 'did:operon:emulator-supplier',
  buyer: 'did:operon:emulator-buyer',
  carrier: 'did:operon:emulator-carrier',
} as const;

/** A 43-character payload hash that no test payload produces. */
export const OTHER_HASH = 'A'.repeat(43);

const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** A key pair of one algorithm, outside the emulator. */
export interface TestKey {
  alg: SigningAlgorithm;
  privateKey: KeyObject;
  /** The public JWK (`kty`, `crv`, `x`, `y`). */
  jwk: Record<string, string>;
}

/** Generates a key for `alg`. */
export function freshKey(alg: SigningAlgorithm): TestKey {
  const pair =
    alg === 'EdDSA'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('ec', {
          namedCurve: alg === 'ES256' ? 'P-256' : 'secp256k1',
        });
  const jwk = pair.publicKey.export({ format: 'jwk' }) as Record<
    string,
    string
  >;
  return { alg, privateKey: pair.privateKey, jwk };
}

/** A compact JWS with any header, signed with `key` (JOSE encoding). */
export function makeJws(header: object, payload: string, key: TestKey): string {
  const input = `${b64(JSON.stringify(header))}.${b64(payload)}`;
  const digest = key.alg === 'EdDSA' ? null : 'sha256';
  const signature = sign(digest, Buffer.from(input), {
    key: key.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${b64(signature)}`;
}

/** The JWS with segment `index` replaced. */
export function withSegment(jws: string, index: number, value: string) {
  const parts = jws.split('.');
  parts[index] = value;
  return parts.join('.');
}

/** base64url of a JSON value, for hand-made segments. */
export function jsonSegment(value: unknown): string {
  return b64(JSON.stringify(value));
}

/** base64url of UTF-8 text, for hand-made segments. */
export function textSegment(text: string): string {
  return b64(text);
}

/** A mutable deep copy of a resolved (frozen) document. */
export function copyOf(document: OperonDidDocument): OperonDidDocument {
  return structuredClone(document) as OperonDidDocument;
}

/** The `OperonDidError` a call throws or a promise rejects with. */
export async function didError(run: () => unknown): Promise<OperonDidError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof OperonDidError) return error;
    throw error;
  }
  throw new Error('expected an OperonDidError');
}

/** Asserts the kind of the `OperonDidError` `run` fails with. */
export async function kindOf(run: () => unknown): Promise<OperonDidErrorKind> {
  return (await didError(run)).kind;
}

/** Requests the emulator received on one route. */
export function calls(emu: OperonEmulator, routeId: string): number {
  return emu.requests().filter((r) => r.routeId === routeId).length;
}

/** A booted module with its `DidResolverService`. */
export async function bootResolver(
  emu: OperonEmulator,
  extra: OperonModuleOptions = {},
): Promise<{ app: OperonTestApp; resolver: DidResolverService }> {
  const app = await bootOperon(
    emu.moduleOptions({ logger: false, retry: false, ...extra }),
  );
  return { app, resolver: app.moduleRef.get(DidResolverService) };
}
