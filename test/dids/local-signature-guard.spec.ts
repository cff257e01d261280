import type { INestApplication } from '@nestjs/common';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from 'vitest';
import {
  DidResolverService,
  hashPayload,
  OPERON_HEADER_ALGORITHM,
  OPERON_HEADER_DID,
  OPERON_HEADER_KEY_ID,
  OPERON_HEADER_SIGNATURE,
  OperonModule,
  type OperonModuleOptions,
  SIGNING_ALGORITHMS,
} from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { CapturingLogger } from '../support/capture-logger.js';
import { refusedUrl } from '../support/ports.js';
import { PLATFORMS } from '../guards/support/platforms.js';
import {
  DIDS,
  HookController,
  hits,
  post,
  signFor,
  verifyCalls,
} from '../guards/support/signature-fixtures.js';
import { calls, freshKey, makeJws } from './support/dids-fixtures.js';

const BODY = '{"event":"delivered","id":"D-4"}';
const JSON_TYPE = 'application/json';

let emu: OperonEmulator;
beforeAll(async () => {
  emu = await OperonEmulator.start();
});
afterAll(() => emu.stop());
beforeEach(() => {
  hits.count = 0;
  emu.clearRequests();
});
afterEach(() => emu.faults.clear());

function local(extra: OperonModuleOptions = {}): OperonModuleOptions {
  return emu.moduleOptions({
    logger: false,
    retry: false,
    verification: 'local',
    ...extra,
  });
}

const signed = (
  signer: string = DIDS.buyer,
  algorithm: (typeof SIGNING_ALGORITHMS)[number] = 'EdDSA',
  body = BODY,
) => ({
  body,
  contentType: JSON_TYPE,
  headers: signFor(emu, body, signer, algorithm),
});

/** Headers of a DID the emulator does not know, with a real EdDSA JWS. */
function stranger(did: string) {
  const hash = hashPayload(BODY);
  const kid = `${did}#keys-1`;
  const jws = makeJws({ alg: 'EdDSA', kid }, hash, freshKey('EdDSA'));
  return {
    body: BODY,
    contentType: JSON_TYPE,
    headers: {
      ...signFor(emu, BODY),
      [OPERON_HEADER_DID]: did,
      [OPERON_HEADER_SIGNATURE]: jws,
      [OPERON_HEADER_KEY_ID]: kid,
    },
  };
}

describe.each(PLATFORMS)('OperonSignatureGuard, local mode, $name', (p) => {
  let app: INestApplication;
  const logger = new CapturingLogger();
  beforeAll(async () => {
    app = await p.create({
      imports: [OperonModule.forRoot(local({ logger }))],
      controllers: [HookController],
    });
  });
  afterAll(() => app.close());
  beforeEach(() => app.get(DidResolverService).forget());

  it.each(SIGNING_ALGORITHMS)(
    'lets a valid %s signature through without the verify endpoint',
    async (algorithm) => {
      const res = await post(app, '/hook', signed(DIDS.buyer, algorithm));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'VALID',
        message: 'Signature verified locally',
        senderDid: DIDS.buyer,
        algorithm,
      });
      expect(hits.count).toBe(1);
      expect(verifyCalls(emu)).toBe(0);
      expect(calls(emu, 'resolver')).toBe(1);
    },
  );

  it('resolves the sender once for many requests', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await post(app, '/hook', signed(DIDS.carrier, 'ES256'));
      expect(res.status).toBe(200);
    }
    expect(calls(emu, 'resolver')).toBe(1);
    expect(verifyCalls(emu)).toBe(0);
  });

  it('answers 401 to a tampered body', async () => {
    const parts = signed();
    const res = await post(app, '/hook', { ...parts, body: `${BODY} ` });
    expect(res.status).toBe(401);
    expect(hits.count).toBe(0);
  });

  it('answers 401 to a signature over another body', async () => {
    const other = signed(DIDS.buyer, 'EdDSA', '{"event":"other"}');
    const parts = signed();
    const headers = {
      ...parts.headers,
      [OPERON_HEADER_SIGNATURE]: other.headers[OPERON_HEADER_SIGNATURE]!,
    };
    const res = await post(app, '/hook', { ...parts, headers });
    expect(res.status).toBe(401);
    expect(hits.count).toBe(0);
  });

  it('answers 401 to a forged signature under a real key ID', async () => {
    const parts = signed();
    const kid = `${DIDS.buyer}#keys-1`;
    const jws = makeJws(
      { alg: 'EdDSA', kid },
      hashPayload(BODY),
      freshKey('EdDSA'),
    );
    const headers = { ...parts.headers, [OPERON_HEADER_SIGNATURE]: jws };
    const res = await post(app, '/hook', { ...parts, headers });
    expect(res.status).toBe(401);
    expect(calls(emu, 'resolver')).toBe(1);
  });

  it('answers 401 to an algorithm header the JWS does not name', async () => {
    const parts = signed();
    const headers = { ...parts.headers, [OPERON_HEADER_ALGORITHM]: 'ES256' };
    const res = await post(app, '/hook', { ...parts, headers });
    expect(res.status).toBe(401);
  });

  it.each(['did:operon:ghost', 'did:web:ghost.example'])(
    'answers 401 to unknown sender %s',
    async (did) => {
      const res = await post(app, '/hook', stranger(did));
      expect(res.status).toBe(401);
      expect(hits.count).toBe(0);
      expect(verifyCalls(emu)).toBe(0);
    },
  );

  it('answers 403 to a valid sender outside the allow-list', async () => {
    const res = await post(app, '/hook/carrier-only', signed(DIDS.buyer));
    expect(res.status).toBe(403);
    const ok = await post(app, '/hook/carrier-only', signed(DIDS.carrier));
    expect(ok.status).toBe(200);
  });

  it.each([
    ['answers 503', { status: 503 }],
    ['answers 500', { status: 500 }],
    ['resets the connection', { reset: true }],
  ])('answers 503 when the resolver %s', async (_what, fault) => {
    emu.faults.inject({ route: 'resolver', ...fault });
    const parts = signed();
    const res = await post(app, '/hook', parts);
    expect(res.status).toBe(503);
    expect(hits.count).toBe(0);
    const text = logger.texts.join('\n');
    expect(text).toContain('signature not verified');
    expect(text).not.toContain(parts.headers[OPERON_HEADER_SIGNATURE]!);
  });

  it('recovers once the resolver is back', async () => {
    emu.faults.inject({ route: 'resolver', status: 503, times: 1 });
    expect((await post(app, '/hook', signed())).status).toBe(503);
    expect((await post(app, '/hook', signed())).status).toBe(200);
  });
});

describe.each(PLATFORMS)('local mode with the resolver down, $name', (p) => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await p.create({
      imports: [
        OperonModule.forRoot(local({ didResolverUrl: await refusedUrl() })),
      ],
      controllers: [HookController],
    });
  });
  afterAll(() => app.close());

  it('answers 503 and never asks the verify endpoint', async () => {
    const res = await post(app, '/hook', signed());
    expect(res.status).toBe(503);
    expect(hits.count).toBe(0);
    expect(verifyCalls(emu)).toBe(0);
  });
});
