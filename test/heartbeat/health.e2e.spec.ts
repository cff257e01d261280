import { Controller, Get, type INestApplication } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  TerminusModule,
} from '@nestjs/terminus';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  OperonAuthService,
  OperonHealthIndicator,
  OperonHeartbeatService,
  type OperonModuleOptions,
} from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { compileApp, waitFor } from './heartbeat.fixtures.js';

const INTERVAL = 150;
const MAX_AGE = 600;

@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly operon: OperonHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () =>
        this.operon.isHealthy('operon', {
          maxHeartbeatAgeMs: MAX_AGE,
          timeoutMs: 2_000,
        }),
    ]);
  }
}

let emu: OperonEmulator;
let app: INestApplication | undefined;

beforeAll(async () => {
  emu = await OperonEmulator.start();
});
afterAll(() => emu.stop());
afterEach(async () => {
  emu.faults.clear();
  await app?.close();
  app = undefined;
});

async function serve(options: OperonModuleOptions): Promise<INestApplication> {
  const mod = await compileApp(emu, {
    options: { logger: false, ...options },
    extra: {
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
    },
  });
  app = mod.createNestApplication({ logger: false });
  await app.init();
  return app;
}

const withHeartbeat = {
  sessionHeartbeatIntervalMs: INTERVAL,
  sessionHeartbeatTimeoutMs: 1_000,
};

describe('OperonHealthIndicator through terminus', () => {
  it('is up with a token and a fresh heartbeat', async () => {
    const server = await serve(withHeartbeat);
    const heartbeat = server.get(OperonHeartbeatService);
    await waitFor('first success', () => !!heartbeat.getState().lastSuccessAt);

    const res = await request(server.getHttpServer()).get('/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.operon).toMatchObject({
      status: 'up',
      heartbeat: 'fresh',
      consecutiveFailures: 0,
    });
    expect(Date.parse(res.body.info.operon.tokenExpiresAt)).toBeGreaterThan(
      Date.now(),
    );
  });

  it('is up with the heartbeat off', async () => {
    const server = await serve({});
    const res = await request(server.getHttpServer()).get('/health');
    expect(res.status).toBe(200);
    expect(res.body.info.operon).toMatchObject({
      status: 'up',
      heartbeat: 'off',
    });
  });

  it('is down (503) when no token can be obtained', async () => {
    const server = await serve({});
    server.get(OperonAuthService).clear();
    emu.faults.inject({
      route: 'token',
      status: 401,
      body: { code: 'INVALID_CLIENT', message: 'bad client' },
    });
    const res = await request(server.getHttpServer()).get('/health');
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('error');
    expect(res.body.error.operon.status).toBe('down');
    expect(res.body.error.operon.message).toMatch(
      /^no token: OperonApiError 401 INVALID_CLIENT/,
    );
    expect(JSON.stringify(res.body)).not.toContain(
      emu.credentials.clientSecret,
    );
  });

  it('goes down when the heartbeat is stale, and up again', async () => {
    const server = await serve(withHeartbeat);
    const heartbeat = server.get(OperonHeartbeatService);
    await waitFor('first success', () => !!heartbeat.getState().lastSuccessAt);
    emu.faults.inject({ route: 'heartbeat', status: 500 });
    const failedSince = Date.now();
    await waitFor('stale', () => Date.now() - failedSince > MAX_AGE * 1.5);

    const down = await request(server.getHttpServer()).get('/health');
    expect(down.status).toBe(503);
    expect(down.body.error.operon).toMatchObject({
      status: 'down',
      heartbeat: 'stale',
    });
    expect(down.body.error.operon.consecutiveFailures).toBeGreaterThan(1);
    expect(down.body.error.operon.message).toMatch(
      new RegExp(
        `^no heartbeat success for more than ${MAX_AGE} ms; ` +
          'last error: OperonApiError 500',
      ),
    );

    emu.faults.clear();
    await waitFor(
      'recovery',
      () => heartbeat.getState().consecutiveFailures === 0,
    );
    const up = await request(server.getHttpServer()).get('/health');
    expect(up.status).toBe(200);
  });

  it('is down once the heartbeat is stopped', async () => {
    const server = await serve(withHeartbeat);
    await server.get(OperonHeartbeatService).stop();
    const res = await request(server.getHttpServer()).get('/health');
    expect(res.status).toBe(503);
    expect(res.body.error.operon).toMatchObject({
      status: 'down',
      heartbeat: 'stopped',
      message: 'heartbeat not running',
    });
  });

  it('is down when the token takes longer than timeoutMs', async () => {
    const server = await serve({});
    server.get(OperonAuthService).clear();
    emu.faults.inject({ route: 'token', latencyMs: 1_000, times: 1 });
    const result = await server
      .get(OperonHealthIndicator)
      .isHealthy('operon-api', { timeoutMs: 100 });
    expect(result).toEqual({
      'operon-api': {
        status: 'down',
        message: 'no token: Error: token request took more than 100 ms',
      },
    });
  });
});
