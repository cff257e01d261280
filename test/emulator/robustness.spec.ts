import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { Agent, request } from 'node:http';
import { OperonEmulator } from '../../lib/testing/index.js';
import {
  call,
  expectErrorBody,
  payloadHash,
  rawRequest,
} from './emulator.helpers.js';

function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
    socket.setTimeout(5000, () => {
      socket.destroy();
      reject(new Error('no answer'));
    });
  });
}

describe('robustness and request log', () => {
  let emu: OperonEmulator;

  beforeAll(async () => {
    emu = await OperonEmulator.start({ maxBodyBytes: 2 * 1024 * 1024 });
  });
  afterAll(() => emu.stop());

  it.each([
    ['GET', '/client-api/v1/nothing'],
    ['GET', '/'],
    ['POST', '/client-api/v1/dids/self'],
    ['GET', '/1.0/identifiers'],
    ['GET', '/client-api/v1/workstreams//interactions'],
  ])('answers 404 NOT_FOUND for %s %s', async (method, path) => {
    const reply = await rawRequest(`${emu.didResolverUrl}${path}`, { method });

    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({
      code: 'NOT_FOUND',
      message: expect.any(String),
    });
  });

  it.each([
    ['GET', '/oauth2/token', 'POST'],
    ['DELETE', '/client-api/v1/transactions', 'POST'],
    ['POST', '/client-api/v1/interactions', 'GET'],
    ['PUT', '/1.0/identifiers/did:operon:x', 'GET'],
    ['HEAD', '/client-api/v1/session/heartbeat', 'GET'],
  ])('answers 405 for %s %s with Allow', async (method, path, allow) => {
    const reply = await rawRequest(`${emu.didResolverUrl}${path}`, { method });

    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe(allow);
    if (method !== 'HEAD') {
      expect(reply.json.code).toBe('METHOD_NOT_ALLOWED');
    }
  });

  it.each([
    '/v1/transactions',
    '/v1/dids/did%3Aoperon%3Aemulator-buyer/signature/verify',
  ])(
    'answers 413 for a body over the cap at %s and keeps serving',
    async (path) => {
      const reply = await rawRequest(`${emu.baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${emu.issuePat()}` },
        body: Buffer.alloc(3 * 1024 * 1024, 'a'),
      });

      expect(reply.status).toBe(413);
      expect(reply.json.code).toBe('PAYLOAD_TOO_LARGE');
      expect(
        (await call(emu.heartbeatUrl, { token: emu.issuePat() })).status,
      ).toBe(200);
    },
  );

  it('gives up on bodies far over the cap without hanging', async () => {
    const reply = await rawRequest(`${emu.baseUrl}/v1/transactions`, {
      method: 'POST',
      body: Buffer.alloc(12 * 1024 * 1024, 'a'),
    });

    expect(reply.status).toBe(413);
    expect(
      (await call(emu.heartbeatUrl, { token: emu.issuePat() })).status,
    ).toBe(200);
  });

  it('answers malformed HTTP with a 400 JSON body', async () => {
    const answer = await rawExchange(emu.port, 'HELLO / WORLD\r\n\r\n');

    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(body).toEqual({ code: 'BAD_REQUEST', message: expect.any(String) });
  });

  it.each([
    ['a wrongly typed field', { correlationId: ['x'] }],
    [
      'a deeply nested body',
      JSON.parse(`${'{"a":'.repeat(500)}1${'}'.repeat(500)}`),
    ],
    ['a signature string', { signature: 'abc' }],
  ])('answers %s with a 4xx JSON error', async (_name, body) => {
    const reply = await call(`${emu.baseUrl}/v1/transactions`, {
      method: 'POST',
      token: emu.issuePat(),
      body: JSON.stringify(body),
    });

    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expectErrorBody(reply, reply.status);
  });

  it('records requests with the raw path, lower-cased headers and body', async () => {
    emu.clearRequests();
    const before = Date.now();
    await rawRequest(
      `${emu.baseUrl}/v1/dids/did%3Aoperon%3Aemulator-buyer/signature/verify?x=1`,
      {
        method: 'POST',
        headers: {
          'X-Operon-DID': 'did:operon:emulator-buyer',
          Authorization: 'Bearer nope',
        },
        body: 'raw body',
      },
    );
    const [entry] = emu.requests();

    expect(emu.requests()).toHaveLength(1);
    expect(entry).toMatchObject({
      method: 'POST',
      path: '/client-api/v1/dids/did%3Aoperon%3Aemulator-buyer/signature/verify',
      url: '/client-api/v1/dids/did%3Aoperon%3Aemulator-buyer/signature/verify?x=1',
      routeId: 'verify',
      body: 'raw body',
    });
    expect(entry!.headers['x-operon-did']).toBe('did:operon:emulator-buyer');
    expect(entry!.headers.authorization).toBe('Bearer nope');
    expect(entry!.timestamp).toBeGreaterThanOrEqual(before);
    emu.clearRequests();
    expect(emu.requests()).toEqual([]);
  });

  it('keeps only the newest requests up to the limit', async () => {
    const small = await OperonEmulator.start({ requestLogLimit: 2 });
    try {
      for (const n of [1, 2, 3]) {
        await call(`${small.didResolverUrl}/n${n}`);
      }
      expect(small.requests().map((r) => r.path)).toEqual(['/n2', '/n3']);
    } finally {
      await small.stop();
    }
  });

  it('stop() closes idle keep-alive sockets and is idempotent', async () => {
    const other = await OperonEmulator.start();
    const agent = new Agent({ keepAlive: true });
    const closed = new Promise<void>((resolve, reject) => {
      const req = request(
        other.heartbeatUrl,
        { agent, headers: { authorization: `Bearer ${other.issuePat()}` } },
        (res) => {
          res.resume();
          res.on('end', () => {
            req.socket?.on('close', () => resolve());
            setTimeout(() => reject(new Error('socket still open')), 2000);
            void other.stop();
          });
        },
      );
      req.end();
    });

    await closed;
    await other.stop();
    agent.destroy();
    await expect(fetch(other.heartbeatUrl)).rejects.toThrow();
  });

  it('survives all of the above and still signs', async () => {
    const hash = payloadHash('still alive');
    const reply = await call(`${emu.baseUrl}/v1/dids/self/sign`, {
      method: 'POST',
      token: emu.issuePat(),
      body: JSON.stringify({
        payloadHash: hash,
        hashAlgorithm: 'SHA-256',
        algorithm: 'EdDSA',
      }),
    });

    expect(reply.status).toBe(200);
  });
});
