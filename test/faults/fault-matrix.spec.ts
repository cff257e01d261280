import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OperonApiError,
  OperonDecodeError,
  OperonTransportError,
} from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { CapturingLogger } from '../support/capture-logger.js';
import { errorRenderings, findLeaks } from '../support/leak-scan.js';
import { bootFaultApp, type FaultApp } from './support/fault-app.js';
import {
  FAULT_ENDPOINTS,
  FAULT_KINDS,
  FAULT_RETRY,
  FAULT_TIMEOUT_MS,
  type FaultContext,
  type FaultOutcome,
} from './support/fault-cases.js';

// Every endpoint the module calls × every way it can fail (issue 8): a
// typed error or a successful retry, exactly as many attempts as the retry
// policy allows, no unhandled rejection, the app still serving afterwards
// and no secret in any log line or error.

let emu: OperonEmulator;
let fault: FaultApp;
let baseUrl: string;
let ctx: FaultContext;
const logger = new CapturingLogger();
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
const errors: unknown[] = [];
const bearers = new Set<string>();

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  emu = await OperonEmulator.start();
  fault = await bootFaultApp(
    emu.moduleOptions({
      retry: FAULT_RETRY,
      httpTimeoutMs: FAULT_TIMEOUT_MS,
      logger,
    }),
  );
  await fault.app.listen(0, '127.0.0.1');
  const { port } = fault.app.getHttpServer().address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  const payload = JSON.stringify({ event: 'fault-suite', n: 1 });
  const headers = await fault.signatures.generateSignatureHeaders(payload);
  ctx = { app: fault, pat: emu.issuePat(), signed: { payload, headers } };
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await fault?.app.close();
  await emu?.stop();
});

/** Settles a call into its value or its error. */
async function settle(call: Promise<unknown>) {
  return call.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function expectOutcome(
  result: Awaited<ReturnType<typeof settle>>,
  outcome: FaultOutcome,
) {
  if (outcome.kind === 'retried') {
    expect(result).toMatchObject({ ok: true });
    return;
  }
  expect(result.ok).toBe(false);
  const error = (result as { error: unknown }).error;
  errors.push(error);
  if (outcome.kind === 'api') {
    expect(error).toBeInstanceOf(OperonApiError);
    expect((error as OperonApiError).status).toBe(outcome.status);
  } else if (outcome.kind === 'transport') {
    expect(error).toBeInstanceOf(OperonTransportError);
    expect((error as OperonTransportError).timedOut).toBe(outcome.timedOut);
  } else {
    expect(error).toBeInstanceOf(OperonDecodeError);
  }
}

/** The app answers its routes normally, each reaching Operon. */
async function expectAppServes(): Promise<void> {
  const pat = emu.issuePat({ session_id: `sess-${randomUUID()}` });
  const { payload, headers } = ctx.signed;
  const answers = await Promise.all([
    fetch(`${baseUrl}/ping`),
    fetch(`${baseUrl}/me`, { headers: { authorization: `Bearer ${pat}` } }),
    fetch(`${baseUrl}/hook`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: payload,
    }),
    fetch(`${baseUrl}/submit`, { method: 'POST' }),
  ]);
  expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 200]);
}

function rememberBearers(): void {
  for (const record of emu.requests()) {
    const value = /^Bearer (.+)$/.exec(record.headers.authorization ?? '');
    if (value) bearers.add(value[1]!);
  }
}

describe.each(FAULT_ENDPOINTS)('$route', (endpoint) => {
  it.each(FAULT_KINDS)('$name', async (kind) => {
    emu.clearRequests();
    emu.faults.inject({ route: endpoint.route, ...kind.fault });
    const result = await settle(endpoint.call(ctx));
    emu.faults.clear();

    const hits = emu.requests().filter((r) => r.routeId === endpoint.route);
    expect(hits).toHaveLength(kind.attempts);
    expectOutcome(result, kind.outcome);
    if (kind.fault.headers?.['retry-after'] && kind.attempts > 1) {
      // Retry-After (1 s) wins over the 1 ms backoff, capped at 20 ms.
      const gap = hits[1]!.timestamp - hits[0]!.timestamp;
      expect(gap).toBeGreaterThanOrEqual(FAULT_RETRY.maxDelayMs - 5);
      expect(gap).toBeLessThan(900);
    }
    rememberBearers();
    await expectAppServes();
    rememberBearers();
  });
});

describe('after every fault', () => {
  it('no unhandled rejection happened', () => {
    expect(rejections).toEqual([]);
  });

  it('no secret appears in any log line or error', () => {
    expect(errors.length).toBeGreaterThan(0);
    expect(bearers.size).toBeGreaterThan(1);
    const secrets = [
      emu.credentials.clientSecret,
      ctx.pat,
      ctx.signed.headers['X-Operon-Signature']!,
      ...bearers,
    ];
    const texts = [...logger.texts, ...errors.flatMap(errorRenderings)];
    expect(findLeaks(texts, secrets)).toEqual([]);
  });
});
