import { expect } from 'vitest';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import type { OperonEmulator } from '../../lib/testing/index.js';

/** A response as the tests look at it. */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

const RFC3339 =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const TIME_KEYS = /^(timestamp|createdAt|updatedAt|hcsConsensusTimestamp)$/;

/** PROTOCOL §3.15 rules that hold for every JSON body. */
export function expectNoNullsAndZonedTimes(value: unknown, path = '$'): void {
  expect(value, `${path} must not be null`).not.toBeNull();
  if (Array.isArray(value)) {
    value.forEach((item, i) =>
      expectNoNullsAndZonedTimes(item, `${path}[${i}]`),
    );
    return;
  }
  if (typeof value !== 'object' || value === null) {
    return;
  }
  for (const [key, member] of Object.entries(value)) {
    if (TIME_KEYS.test(key)) {
      expect(member, `${path}.${key}`).toMatch(RFC3339);
    }
    expectNoNullsAndZonedTimes(member, `${path}.${key}`);
  }
}

/** An error body per §3.15: `{code, message}`, both strings. */
export function expectErrorBody(reply: Reply, status: number, code?: string) {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
  expect(typeof reply.json?.code, reply.text).toBe('string');
  expect(typeof reply.json?.message, reply.text).toBe('string');
  if (code !== undefined) {
    expect(reply.json.code).toBe(code);
  }
}

/** Transaction response members every SDK requires (§3.15). */
export function expectTransactionShape(record: any): void {
  for (const key of [
    'id',
    'correlationId',
    'workstreamId',
    'interactionId',
    'sourceDid',
    'targetDid',
    'payloadHash',
    'status',
  ]) {
    expect(typeof record[key], key).toBe('string');
  }
  for (const key of ['timestamp', 'createdAt', 'updatedAt']) {
    expect(record[key], key).toMatch(RFC3339);
  }
  expect(typeof record.signature).toBe('object');
  expect(typeof record.signature.algorithm).toBe('string');
  expect(typeof record.signature.value).toBe('string');
  for (const key of [
    'roiCostIncrement',
    'roiTimeIncrement',
    'roiCostSavings',
    'roiTimeSavings',
  ]) {
    expect(Number.isInteger(record[key]), key).toBe(true);
  }
  expectNoNullsAndZonedTimes(record);
}

/** Participants (E5, E8) must carry string `id` and `did`. */
export function expectParticipantItems(items: any[]): void {
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) {
    expect(typeof item.id).toBe('string');
    expect(item.did).toMatch(/^did:/);
  }
}

/** Sends a request; every JSON answer passes the generic shape checks. */
export async function call(
  url: string,
  init: RequestInit & { token?: string } = {},
): Promise<Reply> {
  const headers = new Headers(init.headers);
  if (init.token !== undefined) {
    headers.set('authorization', `Bearer ${init.token}`);
  }
  const response = await fetch(url, { ...init, headers });
  const text = await response.text();
  let json: any;
  if (text !== '') {
    json = JSON.parse(text);
    expectNoNullsAndZonedTimes(json);
  }
  const reply = {
    status: response.status,
    headers: response.headers,
    text,
    json,
  };
  if (response.status >= 400) {
    expectErrorBody(reply, response.status);
  }

  return reply;
}

/** POSTs a JSON body with a bearer token to `{baseUrl}{path}`. */
export function postJson(
  emu: OperonEmulator,
  path: string,
  body: unknown,
  token = emu.issuePat(),
): Promise<Reply> {
  return call(`${emu.baseUrl}${path}`, {
    method: 'POST',
    token,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** GETs `{baseUrl}{path}` with a bearer token. */
export function getJson(
  emu: OperonEmulator,
  path: string,
  token = emu.issuePat(),
): Promise<Reply> {
  return call(`${emu.baseUrl}${path}`, { token });
}

/** base64url SHA-256, the wire payload hash. */
export function payloadHash(payload: string | Buffer): string {
  return createHash('sha256').update(payload).digest('base64url');
}

/** Fetches a token from the form + Basic endpoint. */
export async function fetchToken(
  emu: OperonEmulator,
  credentials = emu.credentials,
): Promise<string> {
  const basic = Buffer.from(
    `${credentials.clientId}:${credentials.clientSecret}`,
  ).toString('base64');
  const reply = await call(emu.tokenUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  expect(reply.status, reply.text).toBe(200);

  return reply.json.access_token;
}

/** Decodes the claims of a JWT without checking it. */
export function decodeClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';

  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

/** A request through node:http: header case and the raw path are kept. */
export function rawRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    path?: string;
  } = {},
): Promise<{
  status: number;
  headers: Record<string, unknown>;
  text: string;
  json: any;
}> {
  const target = new URL(url);

  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? 'GET',
        path: options.path ?? `${target.pathname}${target.search}`,
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: any;
          try {
            json = text === '' ? undefined : JSON.parse(text);
          } catch {
            json = undefined;
          }
          try {
            if (json !== undefined) {
              expectNoNullsAndZonedTimes(json);
            }
            if ((res.statusCode ?? 0) >= 400 && text !== '') {
              expect(typeof json?.code, text).toBe('string');
              expect(typeof json?.message, text).toBe('string');
            }
          } catch (error) {
            reject(error);
            return;
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
