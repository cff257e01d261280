import {
  Controller,
  HttpCode,
  type INestApplication,
  Module,
  Post,
  UseGuards,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import request from 'supertest';
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
  hashPayload,
  type OperonModuleOptions,
  OperonModule,
  OperonPublic,
  OperonSignatureGuard,
} from '../../lib/index.js';
import {
  type OperonEmulator as Emulator,
  type OperonEmulatorFault,
  OperonEmulator,
} from '../../lib/testing/index.js';
import { CapturingLogger } from '../support/capture-logger.js';
import { PLATFORMS } from './support/platforms.js';
import {
  DIDS,
  HookController,
  hits,
  post,
  signFor,
  verifyCalls,
} from './support/signature-fixtures.js';

const BODY = '{"event":"shipped","id":"S-9"}';

let emu: Emulator;
beforeAll(async () => {
  emu = await OperonEmulator.start();
});
afterAll(() => emu.stop());
beforeEach(() => {
  hits.count = 0;
  emu.clearRequests();
});
afterEach(() => {
  emu.faults.clear();
});

const signed = (signer: string = DIDS.buyer, body = BODY) => ({
  body,
  contentType: 'application/json',
  headers: signFor(emu, body, signer),
});

function options(extra: OperonModuleOptions = {}): OperonModuleOptions {
  return emu.moduleOptions({ logger: false, retry: false, ...extra });
}

@Controller('global')
class UnguardedController {
  @Post()
  @HttpCode(200)
  receive() {
    hits.count++;
    return { ok: true };
  }

  @Post('public')
  @HttpCode(200)
  @OperonPublic()
  open() {
    hits.count++;
    return { ok: true };
  }
}

@Controller('feature')
@UseGuards(OperonSignatureGuard)
class FeatureController {
  @Post()
  @HttpCode(200)
  receive() {
    hits.count++;
    return { ok: true };
  }
}

describe.each(PLATFORMS)('OperonSignatureGuard and Operon on $name', (p) => {
  describe('sender allow-list', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await p.create({
        imports: [
          OperonModule.forRoot(options({ allowedSenderDids: [DIDS.supplier] })),
        ],
        controllers: [HookController],
      });
    });
    afterAll(() => app.close());

    it('answers 403 to a valid signature from another sender', async () => {
      const res = await post(app, '/hook', signed(DIDS.buyer));
      expect(res.status).toBe(403);
      expect(hits.count).toBe(0);
      expect(verifyCalls(emu)).toBe(1);
    });

    it('lets an allowed sender through', async () => {
      const res = await post(app, '/hook', signed(DIDS.supplier));
      expect(res.status).toBe(200);
      expect(res.body.senderDid).toBe(DIDS.supplier);
      expect(hits.count).toBe(1);
    });

    it('lets the route decorator replace the module list', async () => {
      const carrier = await post(
        app,
        '/hook/carrier-only',
        signed(DIDS.carrier),
      );
      const supplier = await post(
        app,
        '/hook/carrier-only',
        signed(DIDS.supplier),
      );
      expect([carrier.status, supplier.status]).toEqual([200, 403]);
      expect(hits.count).toBe(1);
    });

    it('lets a public route through unsigned', async () => {
      const res = await request(app.getHttpServer()).post('/hook/open');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ verified: false });
    });
  });

  describe('when Operon cannot answer', () => {
    let app: INestApplication;
    const logger = new CapturingLogger();
    beforeAll(async () => {
      app = await p.create({
        imports: [
          OperonModule.forRoot(options({ httpTimeoutMs: 300, logger })),
        ],
        controllers: [HookController],
      });
    });
    afterAll(() => app.close());

    const faults: Array<[string, number, Omit<OperonEmulatorFault, 'route'>]> =
      [
        ['a 503 answer', 503, { status: 503, body: { code: 'DOWN' } }],
        ['a 500 answer', 503, { status: 500 }],
        ['a reset connection', 503, { reset: true }],
        ['a timeout', 503, { latencyMs: 1_000 }],
        ['a 429 answer', 503, { status: 429, body: { code: 'SLOW_DOWN' } }],
        ['a 401 for our own token', 503, { status: 401 }],
        ['a malformed JSON answer', 503, { malformedJson: true }],
        ['a 400 INVALID_SIGNATURE', 401, { status: 400, body: { code: 'X' } }],
        ['a 404 unknown DID', 401, { status: 404, body: { code: 'Y' } }],
        [
          'a 200 that is not VALID',
          401,
          { status: 200, body: { status: 'INVALID', did: DIDS.buyer } },
        ],
      ];

    it.each(faults)('maps %s to %i', async (_name, status, fault) => {
      emu.faults.inject({ route: 'verify', ...fault });
      const res = await post(app, '/hook', signed());
      expect(res.status).toBe(status);
      expect(hits.count).toBe(0);
    });

    it('maps a failing token endpoint to 503', async () => {
      emu.faults.inject({ route: 'token', reset: true });
      const fresh = await p.create({
        imports: [OperonModule.forRoot(options())],
        controllers: [HookController],
      });
      try {
        const res = await post(fresh, '/hook', signed());
        expect(res.status).toBe(503);
        expect(hits.count).toBe(0);
      } finally {
        await fresh.close();
      }
    });

    it('never logs the expected hash or the signature', async () => {
      logger.lines.length = 0;
      const other = signed(DIDS.buyer, '{"other":true}');
      await post(app, '/hook', { ...other, body: BODY });
      emu.faults.inject({ route: 'verify', status: 400, body: { code: 'Z' } });
      await post(app, '/hook', signed());
      const text = logger.texts.join('\n');
      expect(text).toContain('payload hash mismatch');
      expect(text).not.toContain(hashPayload(BODY));
      for (const value of Object.values(other.headers).slice(1)) {
        expect(text).not.toContain(value);
      }
    });
  });

  describe('when Operon is down', () => {
    let down: Emulator;
    let app: INestApplication;
    beforeAll(async () => {
      down = await OperonEmulator.start();
      app = await p.create({
        imports: [OperonModule.forRoot(down.moduleOptions({ logger: false }))],
        controllers: [HookController],
      });
      await down.stop();
    });
    afterAll(() => app.close());

    it('answers 503 and never runs the handler', async () => {
      const res = await post(app, '/hook', signed());
      expect(res.status).toBe(503);
      expect(res.body.message).toBe('Operon is unavailable, try again later');
      expect(hits.count).toBe(0);
    });
  });

  describe('registered with APP_GUARD', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await p.create({
        imports: [OperonModule.forRoot(options())],
        controllers: [UnguardedController],
        providers: [{ provide: APP_GUARD, useClass: OperonSignatureGuard }],
      });
    });
    afterAll(() => app.close());

    it('guards every route', async () => {
      const unsigned = await request(app.getHttpServer()).post('/global');
      const ok = await post(app, '/global', signed());
      expect([unsigned.status, ok.status]).toEqual([401, 200]);
      expect(hits.count).toBe(1);
    });

    it('skips routes marked @OperonPublic()', async () => {
      const res = await request(app.getHttpServer()).post('/global/public');
      expect(res.status).toBe(200);
      expect(hits.count).toBe(1);
    });
  });

  describe.each([
    ['imports OperonModule', false],
    ['relies on a global OperonModule', true],
  ])('in a feature module that %s', (_name, isGlobal) => {
    let app: INestApplication;
    beforeAll(async () => {
      @Module({
        imports: isGlobal ? [] : [OperonModule.forRoot(options())],
        controllers: [FeatureController],
      })
      class FeatureModule {}
      app = await p.create({
        imports: [
          FeatureModule,
          ...(isGlobal
            ? [OperonModule.forRoot({ ...options(), isGlobal: true })]
            : []),
        ],
      });
    });
    afterAll(() => app.close());

    it('verifies with @UseGuards()', async () => {
      const unsigned = await request(app.getHttpServer()).post('/feature');
      const ok = await post(app, '/feature', signed());
      expect([unsigned.status, ok.status]).toEqual([401, 200]);
      expect(hits.count).toBe(1);
    });
  });
});
