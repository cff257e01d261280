import type { TestingModule } from '@nestjs/testing';
import { SchedulerRegistry } from '@nestjs/schedule';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  OPERON_HEARTBEAT_INTERVAL,
  OperonAuthService,
  OperonHeartbeatService,
} from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import {
  CaptureLogger,
  compileApp,
  routeHits,
  waitFor,
} from './heartbeat.fixtures.js';

const INTERVAL = 150;

let emu: OperonEmulator;
let app: TestingModule | undefined;
let logger: CaptureLogger;

beforeAll(async () => {
  emu = await OperonEmulator.start();
});
afterAll(() => emu.stop());
afterEach(async () => {
  emu.faults.clear();
  await app?.close();
  app = undefined;
});

async function boot(timeoutMs = 2_000): Promise<OperonHeartbeatService> {
  emu.clearRequests();
  logger = new CaptureLogger();
  app = await compileApp(emu, {
    options: {
      sessionHeartbeatIntervalMs: INTERVAL,
      sessionHeartbeatTimeoutMs: timeoutMs,
      logger,
    },
  });
  await app.init();
  return app.get(OperonHeartbeatService);
}

/** Log text must never carry the secret or any bearer token. */
function expectNoSecrets(...tokens: string[]): void {
  const text = logger.lines.map((l) => l.message).join('\n');
  expect(text).not.toContain(emu.credentials.clientSecret);
  for (const token of tokens) expect(text).not.toContain(token);
  expect(text).not.toMatch(/Bearer|Basic /);
}

describe('heartbeat against the emulator', () => {
  it('beats at bootstrap with only the bearer, then at the interval', async () => {
    const heartbeat = await boot();
    await waitFor('first beat', () => routeHits(emu, 'heartbeat') >= 1);
    const first = emu.requests().find((r) => r.routeId === 'heartbeat')!;
    const token = (await app!.get(OperonAuthService).getToken()).accessToken;
    expect(first.method).toBe('GET');
    expect(first.path).toBe('/client-api/v1/session/heartbeat');
    expect(first.headers.authorization).toBe(`Bearer ${token}`);
    expect(first.headers['content-type']).toBeUndefined();
    expect(first.body).toBe('');

    await waitFor('three beats', () => routeHits(emu, 'heartbeat') >= 3);
    const state = heartbeat.getState();
    expect(state).toMatchObject({
      enabled: true,
      running: true,
      intervalMs: INTERVAL,
      consecutiveFailures: 0,
    });
    expect(state.beats).toBeGreaterThanOrEqual(3);
    expect(state.lastSuccessAt).toBeInstanceOf(Date);
    expect(state.lastBeatAt!.getTime()).toBeGreaterThanOrEqual(
      state.startedAt!.getTime(),
    );
    expect(state.lastError).toBeUndefined();
    expect(routeHits(emu, 'token')).toBe(1);
    expect(app!.get(SchedulerRegistry).getIntervals()).toEqual([
      OPERON_HEARTBEAT_INTERVAL,
    ]);
    expect(logger.at('log')).toEqual([
      `Session heartbeat every ${INTERVAL} ms (interval "operon:heartbeat")`,
    ]);
  });

  it('on 401 refreshes the token exactly once, then beats with it', async () => {
    const heartbeat = await boot();
    const auth = app!.get(OperonAuthService);
    await waitFor('first success', () => !!heartbeat.getState().lastSuccessAt);
    const revoked = (await auth.getToken()).accessToken;
    emu.revoke(revoked);
    emu.clearRequests();

    await waitFor('a beat with a new token', () =>
      emu
        .requests()
        .some(
          (r) =>
            r.routeId === 'heartbeat' &&
            r.headers.authorization !== `Bearer ${revoked}`,
        ),
    );
    const seen = routeHits(emu, 'heartbeat');
    await waitFor(
      'three more beats',
      () => routeHits(emu, 'heartbeat') >= seen + 3,
    );

    expect(routeHits(emu, 'token')).toBe(1);
    const fresh = (await auth.getToken()).accessToken;
    expect(fresh).not.toBe(revoked);
    expect(heartbeat.getState().consecutiveFailures).toBe(0);
    expect(logger.at('warn')).toEqual([
      'Heartbeat answered 401: the session is gone, refreshing the token',
    ]);
    expectNoSecrets(revoked, fresh);
  });

  it('does not refresh on 403 or 500, logs them and keeps beating', async () => {
    const heartbeat = await boot();
    await waitFor('first success', () => !!heartbeat.getState().lastSuccessAt);
    emu.clearRequests();
    emu.faults.inject({ route: 'heartbeat', status: 403, times: 1 });
    emu.faults.inject({ route: 'heartbeat', status: 500, times: 1 });

    await waitFor(
      'recovery',
      () =>
        heartbeat.getState().beats >= 6 &&
        heartbeat.getState().consecutiveFailures === 0 &&
        routeHits(emu, 'heartbeat') >= 3,
    );
    expect(routeHits(emu, 'token')).toBe(0);
    const errors = logger.at('error');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^Heartbeat failed: OperonApiError 403/);
    expect(errors[1]).toMatch(/^Heartbeat failed: OperonApiError 500/);
    expect(logger.at('log')).toContain(
      'Heartbeat succeeded again after 2 failure(s)',
    );
    expectNoSecrets((await app!.get(OperonAuthService).getToken()).accessToken);
  });

  it('records and logs transport errors, never throws, recovers', async () => {
    const heartbeat = await boot();
    await waitFor('first success', () => !!heartbeat.getState().lastSuccessAt);
    emu.faults.inject({ route: 'heartbeat', reset: true });

    await waitFor(
      'failures',
      () => heartbeat.getState().consecutiveFailures >= 2,
    );
    const failing = heartbeat.getState();
    expect(failing.running).toBe(true);
    expect(failing.lastError).toMatch(/^OperonTransportError/);
    expect(failing.lastFailureAt!.getTime()).toBeGreaterThanOrEqual(
      failing.lastSuccessAt!.getTime(),
    );
    expect(logger.at('error')[0]).toMatch(
      /^Heartbeat failed: OperonTransportError/,
    );

    emu.faults.clear();
    await waitFor(
      'recovery',
      () => heartbeat.getState().consecutiveFailures === 0,
    );
    expect(heartbeat.getState().lastSuccessAt!.getTime()).toBeGreaterThan(
      failing.lastFailureAt!.getTime() - 1,
    );
    expectNoSecrets((await app!.get(OperonAuthService).getToken()).accessToken);
  });

  it('times a slow beat out, skipping ticks meanwhile', async () => {
    const heartbeat = await boot(INTERVAL * 3);
    await waitFor('first success', () => !!heartbeat.getState().lastSuccessAt);
    emu.faults.inject({ route: 'heartbeat', latencyMs: 3_000, times: 1 });

    // The next tick may succeed right after the timeout, so wait for the
    // lasting trace of the failure rather than the failure counter.
    await waitFor('a timeout', () => !!heartbeat.getState().lastFailureAt);
    const state = heartbeat.getState();
    expect(state.lastError).toMatch(/OperonTransportError/);
    expect(state.lastError).toMatch(/time/i);
    expect(state.skippedTicks).toBeGreaterThanOrEqual(1);
    await waitFor('recovery', () => {
      const { lastSuccessAt, lastFailureAt } = heartbeat.getState();
      return lastSuccessAt!.getTime() > lastFailureAt!.getTime();
    });
    expect(heartbeat.getState().consecutiveFailures).toBe(0);
  });

  it('aborts an in-flight beat on close and waits for it', async () => {
    const heartbeat = await boot(10_000);
    await waitFor('first success', () => !!heartbeat.getState().lastSuccessAt);
    emu.faults.inject({ route: 'heartbeat', latencyMs: 5_000 });
    await waitFor('a held beat', () => heartbeat.getState().busy);

    await app!.close();
    app = undefined;
    expect(heartbeat.getState()).toMatchObject({ busy: false, running: false });
    expect(logger.at('error')).toEqual([]);
  });

  it('skips a beat when no token can be had, and logs it', async () => {
    const heartbeat = await boot();
    await waitFor('first success', () => !!heartbeat.getState().lastSuccessAt);
    app!.get(OperonAuthService).clear();
    emu.clearRequests();
    emu.faults.inject({
      route: 'token',
      status: 503,
      body: { code: 'DOWN', message: 'down' },
    });

    await waitFor(
      'token failures',
      () => heartbeat.getState().consecutiveFailures >= 2,
    );
    expect(routeHits(emu, 'heartbeat')).toBe(0);
    expect(logger.at('error')[0]).toMatch(
      /^Heartbeat skipped: no access token \(OperonApiError 503/,
    );
    emu.faults.clear();
    await waitFor(
      'recovery',
      () => heartbeat.getState().consecutiveFailures === 0,
    );
    expectNoSecrets();
  });
});

describe('heartbeat shutdown', () => {
  it('removes its interval on close: no errors, no more beats', async () => {
    const heartbeat = await boot();
    await waitFor('first success', () => !!heartbeat.getState().lastSuccessAt);
    const registry = app!.get(SchedulerRegistry);
    await app!.close();
    app = undefined;

    expect(registry.getIntervals()).toEqual([]);
    expect(heartbeat.getState().running).toBe(false);
    const after = routeHits(emu, 'heartbeat');
    await new Promise((resolve) => setTimeout(resolve, INTERVAL * 4));
    expect(routeHits(emu, 'heartbeat')).toBe(after);
    expect(logger.at('error')).toEqual([]);
    expect(heartbeat.start()).toBe(false);
  });

  it('closes while a beat is in flight without logging it as a failure', async () => {
    const heartbeat = await boot(10_000);
    await waitFor('first success', () => !!heartbeat.getState().lastSuccessAt);
    emu.faults.inject({ route: 'heartbeat', latencyMs: 5_000 });
    await waitFor('a beat in flight', () => heartbeat.getState().busy);

    const started = Date.now();
    await app!.close();
    app = undefined;
    await waitFor('the beat to end', () => !heartbeat.getState().busy, 2_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(logger.at('error')).toEqual([]);
  });
});
