import { SchedulerRegistry } from '@nestjs/schedule';
import type { TestingModule } from '@nestjs/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  OperonApiError,
  OperonConfigurationError,
  OperonHeartbeatService,
  OperonLifecycleService,
} from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { compileApp, routeHits, waitFor } from './heartbeat.fixtures.js';

let emu: OperonEmulator;
let app: TestingModule | undefined;

beforeAll(async () => {
  emu = await OperonEmulator.start();
});
afterAll(() => emu.stop());
afterEach(async () => {
  await app?.close();
  app = undefined;
  emu.clearRequests();
});

describe('heartbeat requirements', () => {
  it('fails the boot without ScheduleModule when enabled', async () => {
    app = await compileApp(emu, {
      schedule: false,
      options: { sessionHeartbeatIntervalMs: 60_000, logger: false },
    });
    const boot = app.init();
    await expect(boot).rejects.toBeInstanceOf(OperonConfigurationError);
    await expect(boot).rejects.toThrow(
      'OperonModule: sessionHeartbeatIntervalMs is 60000 but ' +
        'SchedulerRegistry is not available. Import ' +
        "ScheduleModule.forRoot() from '@nestjs/schedule' once in your " +
        'application module, or set sessionHeartbeatIntervalMs to 0 to ' +
        'turn the heartbeat off.',
    );
    app = undefined;
    expect(routeHits(emu, 'heartbeat')).toBe(0);
  });

  it('boots without ScheduleModule when disabled', async () => {
    app = await compileApp(emu, {
      schedule: false,
      options: { logger: false },
    });
    await app.init();
    const heartbeat = app.get(OperonHeartbeatService);
    expect(heartbeat.enabled).toBe(false);
    expect(heartbeat.start()).toBe(false);
    expect(heartbeat.getState()).toMatchObject({
      enabled: false,
      running: false,
      beats: 0,
    });
  });

  it('registers no interval when disabled', async () => {
    app = await compileApp(emu, {
      options: { sessionHeartbeatIntervalMs: 0, logger: false },
    });
    await app.init();
    expect(app.get(SchedulerRegistry).getIntervals()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(routeHits(emu, 'heartbeat')).toBe(0);
    expect(routeHits(emu, 'token')).toBe(0);
  });
});

describe('eagerInit', () => {
  it('fetches a token at bootstrap', async () => {
    app = await compileApp(emu, {
      options: { eagerInit: true, logger: false },
    });
    expect(routeHits(emu, 'token')).toBe(0);
    await app.init();
    expect(routeHits(emu, 'token')).toBe(1);
  });

  it('fails the boot on bad credentials', async () => {
    app = await compileApp(emu, {
      options: {
        eagerInit: true,
        clientSecret: 'wrong',
        sessionHeartbeatIntervalMs: 60_000,
        logger: false,
      },
    });
    const boot = app.init();
    await expect(boot).rejects.toBeInstanceOf(OperonApiError);
    await expect(boot).rejects.toMatchObject({
      status: 401,
      code: 'INVALID_CLIENT',
    });
    expect(String(await boot.catch((e: unknown) => e))).not.toContain('wrong');
    const heartbeat = app.get(OperonHeartbeatService);
    expect(heartbeat.getState().running).toBe(false);
    expect(routeHits(emu, 'heartbeat')).toBe(0);
    // Nest 11 rejects close() again with the boot error; Nest 12 does not.
    await app.close().catch(() => undefined);
    app = undefined;
  });

  it('gets the token before the first beat', async () => {
    app = await compileApp(emu, {
      options: {
        eagerInit: true,
        sessionHeartbeatIntervalMs: 60_000,
        logger: false,
      },
    });
    await app.init();
    await waitFor('first beat', () => routeHits(emu, 'heartbeat') === 1);
    const routes = emu.requests().map((r) => r.routeId);
    expect(routes).toEqual(['token', 'heartbeat']);
  });

  it('init() is public and idempotent', async () => {
    app = await compileApp(emu, {
      options: { sessionHeartbeatIntervalMs: 60_000, logger: false },
    });
    await app.init();
    await waitFor('first beat', () => routeHits(emu, 'heartbeat') === 1);
    const lifecycle = app.get(OperonLifecycleService);
    const token = await lifecycle.init();
    await lifecycle.init();
    expect(token.claims.clientId).toBe(emu.credentials.clientId);
    expect(routeHits(emu, 'token')).toBe(1);
    expect(routeHits(emu, 'heartbeat')).toBe(1);
    expect(app.get(SchedulerRegistry).getIntervals()).toHaveLength(1);
  });
});
