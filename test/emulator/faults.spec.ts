import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OperonEmulator } from '../../lib/testing/index.js';
import { call, rawRequest } from './emulator.helpers.js';

describe('fault injection', () => {
  let emu: OperonEmulator;

  beforeAll(async () => {
    emu = await OperonEmulator.start();
  });
  afterAll(() => emu.stop());
  afterEach(() => emu.faults.clear());

  const heartbeat = () => call(emu.heartbeatUrl, { token: emu.issuePat() });

  it('answers with the injected status for the next N requests only', async () => {
    const handle = emu.faults.inject({
      route: 'heartbeat',
      status: 503,
      headers: { 'Retry-After': '2' },
      times: 2,
    });
    const first = await heartbeat();
    const second = await heartbeat();
    const third = await heartbeat();

    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(first.json).toEqual({
      code: 'EMULATED_FAULT',
      message: expect.any(String),
    });
    expect(second.status).toBe(503);
    expect(third.status).toBe(200);
    expect(third.headers.get('retry-after')).toBeNull();
    expect(handle.hits).toBe(2);
    expect(handle.active).toBe(false);
  });

  it('applies during a time window, then stops', async () => {
    const handle = emu.faults.inject({
      route: 'GET /v1/session/heartbeat',
      status: 500,
      forMs: 300,
    });

    expect((await heartbeat()).status).toBe(500);
    expect((await heartbeat()).status).toBe(500);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await heartbeat()).status).toBe(200);
    expect(handle.active).toBe(false);
  });

  it('stays until cleared through its handle', async () => {
    const handle = emu.faults.inject({
      route: 'heartbeat',
      status: 502,
      body: { code: 'UPSTREAM', message: 'down' },
    });

    for (let i = 0; i < 3; i += 1) {
      const reply = await heartbeat();
      expect(reply.status).toBe(502);
      expect(reply.json).toEqual({ code: 'UPSTREAM', message: 'down' });
    }
    handle.clear();
    expect((await heartbeat()).status).toBe(200);
  });

  it('only touches matching routes', async () => {
    emu.faults.inject({ route: 'POST /v1/transactions', status: 500 });
    const validate = await call(`${emu.baseUrl}/v1/session/validate`, {
      token: emu.issuePat(),
    });
    const submit = await call(`${emu.baseUrl}/v1/transactions`, {
      method: 'POST',
      token: emu.issuePat(),
      body: '{}',
    });

    expect(validate.status).toBe(200);
    expect(submit.status).toBe(500);
  });

  it('matches concrete paths, templates and "*"', async () => {
    const ws = emu.realm.defaultWorkstreamId;
    emu.faults.inject({
      route: `GET /v1/workstreams/${ws}`,
      status: 418,
      times: 1,
    });
    emu.faults.inject({
      route: 'GET /v1/workstreams/{workstreamId}/participants',
      status: 429,
      times: 1,
    });
    const token = emu.issuePat();

    expect(
      (await call(`${emu.baseUrl}/v1/workstreams/${ws}`, { token })).status,
    ).toBe(418);
    expect(
      (
        await call(`${emu.baseUrl}/v1/workstreams/${ws}/participants`, {
          token,
        })
      ).status,
    ).toBe(429);
    emu.faults.inject({ route: '*', status: 500, times: 1 });
    expect(
      (
        await call(
          `${emu.didResolverUrl}/1.0/identifiers/did:operon:emulator-buyer`,
        )
      ).status,
    ).toBe(500);
    expect(
      (
        await call(
          `${emu.didResolverUrl}/1.0/identifiers/did:operon:emulator-buyer`,
        )
      ).status,
    ).toBe(200);
  });

  it('applies the first active matching fault, in injection order', async () => {
    emu.faults.inject({ route: 'heartbeat', status: 503, times: 1 });
    emu.faults.inject({ route: 'heartbeat', status: 429, times: 1 });

    expect((await heartbeat()).status).toBe(503);
    expect((await heartbeat()).status).toBe(429);
    expect((await heartbeat()).status).toBe(200);
  });

  it('sends malformed JSON with a 200 and a JSON content type', async () => {
    emu.faults.inject({ route: 'interactions', malformedJson: true, times: 1 });
    const response = await fetch(`${emu.baseUrl}/v1/interactions`, {
      headers: { authorization: `Bearer ${emu.issuePat()}` },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/json/);
    await expect(response.json()).rejects.toThrow();
  });

  it('sends an empty body', async () => {
    emu.faults.inject({
      route: 'token',
      emptyBody: true,
      status: 200,
      times: 1,
    });
    const response = await fetch(emu.tokenUrl, { method: 'POST' });

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('sends a text body verbatim', async () => {
    emu.faults.inject({
      route: 'token',
      status: 502,
      body: '<html>Bad gateway</html>',
      times: 1,
    });
    const response = await fetch(emu.tokenUrl, { method: 'POST' });

    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('<html>Bad gateway</html>');
  });

  it('resets the connection', async () => {
    emu.faults.inject({ route: 'heartbeat', reset: true, times: 1 });

    await expect(rawRequest(emu.heartbeatUrl)).rejects.toThrow();
    expect((await heartbeat()).status).toBe(200);
  });

  it('delays answers, alone or before another fault', async () => {
    emu.faults.inject({ route: 'heartbeat', latencyMs: 200, times: 1 });
    emu.faults.inject({
      route: 'heartbeat',
      latencyMs: 150,
      status: 504,
      times: 1,
    });
    let started = Date.now();
    const slow = await heartbeat();
    const slowMs = Date.now() - started;
    started = Date.now();
    const failed = await heartbeat();
    const failedMs = Date.now() - started;
    started = Date.now();
    const fast = await heartbeat();

    expect(slow.status).toBe(200);
    expect(slowMs).toBeGreaterThanOrEqual(190);
    expect(failed.status).toBe(504);
    expect(failedMs).toBeGreaterThanOrEqual(140);
    expect(fast.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(150);
  });

  it('adds headers to a normal answer', async () => {
    emu.faults.inject({
      route: 'heartbeat',
      headers: { 'X-Test': 'yes' },
      times: 1,
    });
    const reply = await heartbeat();

    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-test')).toBe('yes');
  });

  it('clears every fault at once', async () => {
    const a = emu.faults.inject({ route: 'heartbeat', status: 500 });
    emu.faults.inject({ route: 'validate', status: 500 });
    emu.faults.clear();

    expect((await heartbeat()).status).toBe(200);
    expect(a.active).toBe(false);
  });

  it.each([
    [{ route: '' }],
    [{ route: 'heartbeat', status: 99 }],
    [{ route: 'heartbeat', status: 600 }],
    [{ route: 'heartbeat', times: 0 }],
    [{ route: 'heartbeat', times: 1.5 }],
    [{ route: 'heartbeat', forMs: -1 }],
    [{ route: 'heartbeat', latencyMs: -1 }],
    [{ route: 'heartbeat', reset: true, emptyBody: true }],
    [{ route: 'heartbeat', body: {}, malformedJson: true }],
  ])('rejects the invalid fault %j', (fault) => {
    expect(() => emu.faults.inject(fault)).toThrow(TypeError);
  });
});
