import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  OPERON_HEADER_ALGORITHM,
  OPERON_HEADER_DID,
  OPERON_HEADER_KEY_ID,
  OperonModule,
  SIGNING_ALGORITHMS,
  SignatureService,
} from '../../lib/index.js';
import {
  type OperonEmulatorApp,
  OperonEmulator,
} from '../../lib/testing/index.js';
import { PLATFORMS } from '../guards/support/platforms.js';
import {
  HookController,
  hits,
  post,
} from '../guards/support/signature-fixtures.js';

let emu: OperonEmulator;
const parties: Record<'alpha' | 'beta', OperonEmulatorApp & { did: string }> =
  {} as never;

beforeAll(async () => {
  emu = await OperonEmulator.start();
  const workstream = emu.addWorkstream({ id: 'wstr-exchange' });
  for (const name of ['alpha', 'beta'] as const) {
    const participant = emu.addParticipant({
      id: `prtp-${name}`,
      did: `did:operon:${name}`,
      workstreamId: workstream.id,
    });
    const app = emu.addApp({ participantId: participant.id });
    parties[name] = { ...app, did: participant.did };
  }
});
afterAll(() => emu.stop());

describe.each(PLATFORMS)('two participants on $name', (platform) => {
  const apps = {} as Record<'alpha' | 'beta', INestApplication>;
  beforeAll(async () => {
    for (const name of ['alpha', 'beta'] as const) {
      const { clientId, clientSecret } = parties[name];
      const other = name === 'alpha' ? parties.beta : parties.alpha;
      apps[name] = await platform.create({
        imports: [
          OperonModule.forRoot(
            emu.moduleOptions({
              clientId,
              clientSecret,
              logger: false,
              allowedSenderDids: [other.did],
            }),
          ),
        ],
        controllers: [HookController],
      });
    }
  });
  afterAll(async () => {
    await apps.alpha?.close();
    await apps.beta?.close();
  });
  beforeEach(() => {
    hits.count = 0;
  });

  const directions = [
    ['alpha', 'beta'],
    ['beta', 'alpha'],
  ] as const;

  describe.each(SIGNING_ALGORITHMS.map((a) => [a]))('with %s', (algorithm) => {
    it.each(directions)('%s signs, %s verifies', async (from, to) => {
      const payload = JSON.stringify({ from, to, algorithm, at: Date.now() });
      const signatures = apps[from].get(SignatureService);
      const headers = await signatures.generateSignatureHeaders(
        payload,
        algorithm.toLowerCase(),
      );
      expect(headers[OPERON_HEADER_DID]).toBe(parties[from].did);
      expect(headers[OPERON_HEADER_ALGORITHM]).toBe(algorithm);
      expect(headers[OPERON_HEADER_KEY_ID]).toMatch(
        new RegExp(`^${parties[from].did}#keys-[123]$`),
      );

      const res = await post(apps[to], '/hook', {
        body: payload,
        contentType: 'application/json',
        headers,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'VALID',
        senderDid: parties[from].did,
        algorithm,
      });
      expect(hits.count).toBe(1);

      const direct = await apps[to]
        .get(SignatureService)
        .validateSignatureHeaders(Buffer.from(payload), headers);
      expect(direct.status).toBe('VALID');
    });
  });

  it('refuses a signature from a participant outside the allow-list', async () => {
    const supplierHeaders = await emuDefaultSignature(emu, '{"x":1}');
    const res = await post(apps.alpha, '/hook', {
      body: '{"x":1}',
      contentType: 'application/json',
      headers: supplierHeaders,
    });
    expect(res.status).toBe(403);
    expect(hits.count).toBe(0);
  });
});

/** Headers signed by the emulator's default app (another participant). */
async function emuDefaultSignature(emulator: OperonEmulator, body: string) {
  const { Test } = await import('@nestjs/testing');
  const moduleRef = await Test.createTestingModule({
    imports: [OperonModule.forRoot(emulator.moduleOptions({ logger: false }))],
  }).compile();
  try {
    return await moduleRef.get(SignatureService).generateSignatureHeaders(body);
  } finally {
    await moduleRef.close();
  }
}
