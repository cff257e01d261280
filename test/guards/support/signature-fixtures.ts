import {
  Controller,
  HttpCode,
  Post,
  UseGuards,
  type INestApplication,
} from '@nestjs/common';
import request from 'supertest';
import {
  hashPayload,
  OPERON_SIGNATURE_HEADER_NAMES,
  OperonAllowedSenders,
  OperonPublic,
  OperonSignature,
  OperonSignatureGuard,
  type OperonVerifiedSignature,
  type SigningAlgorithm,
} from '../../../lib/index.js';
import type { OperonEmulator } from '../../../lib/testing/index.js';

/** Handler invocations, reset by each test that counts them. */
export const hits = { count: 0 };

/** The DIDs of the emulator's seeded participants. */
export const DIDS = {
  supplier: 'did:operon:emulator-supplier',
  buyer: 'did:operon:emulator-buyer',
  carrier: 'did:operon:emulator-carrier',
} as const;

/** A guarded webhook controller. */
@Controller('hook')
@UseGuards(OperonSignatureGuard)
export class HookController {
  @Post()
  @HttpCode(200)
  receive(@OperonSignature() signature: OperonVerifiedSignature) {
    hits.count++;
    return signature;
  }

  @Post('carrier-only')
  @HttpCode(200)
  @OperonAllowedSenders(DIDS.carrier)
  carrierOnly(@OperonSignature() signature: OperonVerifiedSignature) {
    hits.count++;
    return { senderDid: signature.senderDid };
  }

  @Post('open')
  @HttpCode(200)
  @OperonPublic()
  open(@OperonSignature() signature: OperonVerifiedSignature | undefined) {
    hits.count++;
    return { verified: signature !== undefined };
  }
}

/** A request to send: body, content type and headers. */
export interface SignedParts {
  body: string | Buffer;
  contentType: string;
  headers: Record<string, string | string[]>;
}

/** Five valid signature headers for `body`, signed by `signer`'s key. */
export function signFor(
  emu: OperonEmulator,
  body: string | Buffer,
  signer: string = DIDS.buyer,
  algorithm: SigningAlgorithm = 'EdDSA',
): Record<string, string> {
  const payloadHash = hashPayload(body);
  const signature = emu.signHash({ signer, payloadHash, algorithm });
  const [did, hash, value, keyId, alg] = OPERON_SIGNATURE_HEADER_NAMES;
  return {
    [did]: signer,
    [hash]: payloadHash,
    [value]: signature.value,
    [keyId]: signature.keyId,
    [alg]: signature.algorithm,
  };
}

/** Posts the parts to `path` on the app. */
export function post(app: INestApplication, path: string, parts: SignedParts) {
  let req = request(app.getHttpServer()).post(path);
  if (parts.contentType) req = req.set('content-type', parts.contentType);
  for (const [name, value] of Object.entries(parts.headers)) {
    req = req.set(name, value as string);
  }
  // superagent would JSON-encode a Buffer sent as application/json.
  if (Buffer.isBuffer(parts.body)) req = req.serialize((data) => data);
  return req.send(parts.body);
}

/** Requests the emulator received at its verify endpoint. */
export function verifyCalls(emu: OperonEmulator): number {
  return emu.requests().filter((r) => r.routeId === 'verify').length;
}
