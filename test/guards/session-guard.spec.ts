import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplication } from '@nestjs/common';
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
  type OperonModuleOptions,
  OperonModule,
  OperonSessionGuard,
} from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { PLATFORMS } from './support/platforms.js';
import {
  AppController,
  MeController,
  sessionHits,
  validateCalls,
} from './support/session-fixtures.js';

let emu: OperonEmulator;
beforeAll(async () => {
  emu = await OperonEmulator.start();
});
afterAll(() => emu.stop());
beforeEach(() => {
  sessionHits.count = 0;
  emu.clearRequests();
});
afterEach(() => {
  emu.faults.clear();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function options(extra: OperonModuleOptions = {}): OperonModuleOptions {
  return emu.moduleOptions({ logger: false, retry: false, ...extra });
}

describe.each(PLATFORMS)('OperonSessionGuard on $name', (platform) => {
  describe('per controller', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await platform.create({
        imports: [OperonModule.forRoot(options({ sessionCacheTtlMs: 400 }))],
        controllers: [MeController],
      });
    });
    afterAll(() => app.close());
    const get = (path: string, headers: Record<string, string> = {}) =>
      request(app.getHttpServer()).get(path).set(headers);

    it('hands the SessionInfo of a valid PAT to the handler', async () => {
      const pat = emu.issuePat({ roles: ['m2m', 'viewer'] });
      const res = await get('/me', bearer(pat));
      expect(res.status).toBe(200);
      const app = emu.realm.defaultApp;
      expect(res.body).toMatchObject({
        userId: app.id,
        email: app.email,
        customerId: emu.realm.customerId,
        roles: ['m2m', 'viewer'],
        workstreamId: emu.realm.defaultWorkstreamId,
        participantDid: 'did:operon:emulator-supplier',
        clientId: app.clientId,
      });
      expect(res.body.expiresInSeconds).toBeGreaterThanOrEqual(3599);
      expect(res.body.expiresInSeconds).toBeLessThanOrEqual(3600);
      expect(sessionHits.count).toBe(1);
    });

    it('answers a warm cache without asking Operon again', async () => {
      const pat = emu.issuePat();
      for (let i = 0; i < 3; i++) {
        expect((await get('/me', bearer(pat))).status).toBe(200);
      }
      expect(validateCalls(emu)).toBe(1);
      expect(sessionHits.count).toBe(3);
    });

    it('shares one validation between concurrent first requests', async () => {
      const pat = emu.issuePat();
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => get('/me', bearer(pat))),
      );
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(validateCalls(emu)).toBe(1);
    });

    it('rejects a revoked PAT once its cache entry lapses', async () => {
      const pat = emu.issuePat();
      expect((await get('/me', bearer(pat))).status).toBe(200);
      emu.revoke(pat);
      expect((await get('/me', bearer(pat))).status).toBe(200);
      await sleep(500);
      const res = await get('/me', bearer(pat));
      expect(res.status).toBe(401);
      expect(res.body.message).toBe('Invalid or missing Operon session');
      expect(validateCalls(emu)).toBe(2);
    });

    it('rejects missing, malformed and expired PATs with 401', async () => {
      const expired = emu.issuePat({}, { lifetimeSeconds: -5 });
      const answers = [
        await get('/me'),
        await get('/me', { authorization: 'Bearer ' }),
        await get('/me', { authorization: 'Basic dXNlcjpwdw==' }),
        await get('/me', bearer('not-a-token')),
        await get('/me', bearer(expired)),
      ];
      expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
      expect(sessionHits.count).toBe(0);
    });

    it('answers 403 when a required role is missing', async () => {
      const viewer = emu.issuePat({ roles: ['m2m'] });
      const admin = emu.issuePat({ roles: ['admin', 'm2m'] });
      const denied = await get('/me/admin', bearer(viewer));
      const allowed = await get('/me/admin', bearer(admin));
      expect([denied.status, allowed.status]).toEqual([403, 200]);
      expect(denied.body.message).toBe('Session lacks a required role');
      expect(sessionHits.count).toBe(1);
    });

    it('answers 403 for another workstream', async () => {
      const elsewhere = emu.issuePat({ workstream_id: 'wstr-elsewhere' });
      const denied = await get('/me/other-workstream', bearer(emu.issuePat()));
      const allowed = await get('/me/other-workstream', bearer(elsewhere));
      expect([denied.status, allowed.status]).toEqual([403, 200]);
      expect(sessionHits.count).toBe(1);
    });

    it('answers 503 when Operon cannot answer', async () => {
      emu.faults.inject({ route: 'validate', status: 503 });
      const failing = await get('/me', bearer(emu.issuePat()));
      emu.faults.clear();
      emu.faults.inject({ route: 'validate', reset: true });
      const reset = await get('/me', bearer(emu.issuePat()));
      expect([failing.status, reset.status]).toEqual([503, 503]);
      expect(sessionHits.count).toBe(0);
    });
  });

  describe('with an expiring PAT', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await platform.create({
        imports: [OperonModule.forRoot(options({ sessionCacheTtlMs: 60_000 }))],
        controllers: [MeController],
      });
    });
    afterAll(() => app.close());

    it('never serves a cached session past the token expiry', async () => {
      const pat = emu.issuePat({}, { lifetimeSeconds: 2 });
      const get = () =>
        request(app.getHttpServer()).get('/me').set(bearer(pat));
      expect((await get()).status).toBe(200);
      expect((await get()).status).toBe(200);
      expect(validateCalls(emu)).toBe(1);
      const { exp } = JSON.parse(
        Buffer.from(pat.split('.')[1]!, 'base64url').toString(),
      ) as { exp: number };
      await sleep(Math.max(0, exp * 1000 - Date.now()) + 100);
      expect((await get()).status).toBe(401);
      expect(validateCalls(emu)).toBe(2);
    });
  });

  describe('with module options', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await platform.create({
        imports: [
          OperonModule.forRoot(
            options({
              sessionCookieName: 'operon_pat',
              requiredWorkstreamId: emu.realm.defaultWorkstreamId,
            }),
          ),
        ],
        controllers: [MeController],
      });
    });
    afterAll(() => app.close());
    const get = (cookie: string) =>
      request(app.getHttpServer()).get('/me').set('cookie', cookie);

    it('reads the PAT from the configured cookie', async () => {
      const pat = emu.issuePat();
      const res = await get(`theme=dark; operon_pat=${pat}; lang=en`);
      expect(res.status).toBe(200);
      expect((await get(`theme=dark; other_pat=${pat}`)).status).toBe(401);
    });

    it('applies requiredWorkstreamId', async () => {
      const other = emu.issuePat({ workstream_id: 'wstr-other' });
      expect((await get(`operon_pat=${other}`)).status).toBe(403);
    });
  });

  describe('registered with APP_GUARD', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await platform.create({
        imports: [OperonModule.forRoot(options())],
        controllers: [AppController],
        providers: [{ provide: APP_GUARD, useClass: OperonSessionGuard }],
      });
    });
    afterAll(() => app.close());

    it('guards every route but the public one', async () => {
      const server = app.getHttpServer();
      const secret = await request(server).get('/app');
      const health = await request(server).get('/app/health');
      const allowed = await request(server)
        .get('/app')
        .set(bearer(emu.issuePat()));
      expect([secret.status, health.status, allowed.status]).toEqual([
        401, 200, 200,
      ]);
      expect(health.body).toEqual({ session: null });
      expect(sessionHits.count).toBe(2);
    });
  });
});
