import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';

/** A signature as a transaction carries it. */
interface CarriedSignature {
  algorithm: string;
  value: string;
  keyId?: string;
}

/**
 * Verifies a compact-JWS transaction signature (PROTOCOL §13.2) with
 * node:crypto against the signer's DID document from the resolver. Returns
 * a reason when it does not verify, `undefined` when it does.
 */
export async function signatureProblem(
  resolverUrl: string,
  did: string,
  payloadHash: string,
  signature: CarriedSignature,
): Promise<string | undefined> {
  const res = await fetch(
    `${resolverUrl}/1.0/identifiers/${encodeURIComponent(did)}`,
  );
  if (!res.ok) return `resolver answered ${res.status}`;
  const doc = (await res.json()) as {
    verificationMethod: Array<{ id: string; publicKeyJwk: JsonWebKey }>;
  };
  const method = doc.verificationMethod.find((m) => m.id === signature.keyId);
  if (!method) return `no key ${signature.keyId} in ${did}`;

  const [header, payload, sig] = signature.value.split('.');
  if (!header || !payload || !sig) return 'not a compact JWS';
  const alg = JSON.parse(Buffer.from(header, 'base64url').toString()).alg;
  if (alg !== signature.algorithm) return `JWS alg ${alg}`;
  if (Buffer.from(payload, 'base64url').toString() !== payloadHash) {
    return 'JWS payload is not the payload hash';
  }
  const key = createPublicKey({ key: method.publicKeyJwk, format: 'jwk' });
  const ok = verify(
    alg === 'EdDSA' ? null : 'sha256',
    Buffer.from(`${header}.${payload}`),
    alg === 'EdDSA' ? key : { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(sig, 'base64url'),
  );
  return ok ? undefined : 'signature does not verify';
}

/** Minimal view of the emulator this check needs. */
interface RecordingEmulator {
  didResolverUrl: string;
  transactions(): Array<{
    sourceDid: string;
    payloadHash: string;
    signature: CarriedSignature;
  }>;
}

/**
 * Problems of every transaction the emulator recorded, one line each;
 * empty when all signatures verify. Fails when nothing was recorded, so
 * that the check cannot pass vacuously.
 */
export async function unverifiedTransactions(
  emu: RecordingEmulator,
): Promise<string[]> {
  const recorded = emu.transactions();
  if (recorded.length === 0) return ['no transaction recorded'];
  const problems = await Promise.all(
    recorded.map(async (t) => {
      const problem = await signatureProblem(
        emu.didResolverUrl,
        t.sourceDid,
        t.payloadHash,
        t.signature,
      );
      return problem && `${t.payloadHash}: ${problem}`;
    }),
  );
  return problems.filter((p): p is string => p !== undefined);
}
