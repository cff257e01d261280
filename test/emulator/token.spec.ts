import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicKey, verify } from 'node:crypto';
import { OperonEmulator } from '../../lib/testing/index.js';
import { call, decodeClaims, expectErrorBody } from './emulator.helpers.js';

const FORM = 'application/x-www-form-urlencoded';

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

describe('E1 token endpoint', () => {
  let emu: OperonEmulator;
  let app: { clientId: string; clientSecret: string };

  beforeAll(async () => {
    emu = await OperonEmulator.start();
    // The §11.4 vector credentials, so the exact wire encodings can be sent.
    app = emu.addApp({
      participantId: 'prtp-emulator-buyer',
      clientId: 'm2mc-123',
      clientSecret: 's3cr3t',
    });
  });
  afterAll(() => emu.stop());

  const vectors = {
    pythonOrder:
      'grant_type=client_credentials&scope=transactions%3Awrite' +
      '&audience=https%3A%2F%2Fapi.operon.cloud&audience=urn%3Aoperon%3Aclient-api',
    goOrder:
      'audience=https%3A%2F%2Fapi.operon.cloud&audience=urn%3Aoperon%3Aclient-api' +
      '&grant_type=client_credentials&scope=transactions%3Awrite',
  };

  it.each(Object.entries(vectors))(
    'accepts the §11.4 form body in %s',
    async (_name, body) => {
      const reply = await call(emu.tokenUrl, {
        method: 'POST',
        headers: {
          authorization: 'Basic bTJtYy0xMjM6czNjcjN0',
          'content-type': FORM,
        },
        body,
      });

      expect(reply.status).toBe(200);
      expect(reply.json).toMatchObject({
        token_type: 'Bearer',
        expires_in: 3600,
        scope: 'transactions:write',
      });
      const claims = decodeClaims(reply.json.access_token);
      expect(claims.client_id).toBe('m2mc-123');
      expect(claims.participant_did).toBe('did:operon:emulator-buyer');
      expect(claims.aud).toEqual([
        'https://api.operon.cloud',
        'urn:operon:client-api',
      ]);
    },
  );

  it('accepts the legacy JSON body at the /v1/session/m2m URL', async () => {
    expect(emu.legacyTokenUrl).toContain('/v1/session/m2m');
    const reply = await call(emu.legacyTokenUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: '{"client_id":"m2mc-123","client_secret":"s3cr3t","grant_type":"client_credentials","audience":[]}',
    });

    expect(reply.status).toBe(200);
    expect(Number.isInteger(reply.json.expires_in)).toBe(true);
    expect(reply.json.scope).toBeUndefined();
    expect(decodeClaims(reply.json.access_token).client_id).toBe(app.clientId);
  });

  it('issues tokens with every §2.6 claim in its JSON type', async () => {
    const reply = await call(emu.tokenUrl, {
      method: 'POST',
      headers: { authorization: basic('m2mc-emulator', 'emulator-secret') },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    const token: string = reply.json.access_token;
    const claims = decodeClaims(token);
    const strings = [
      'participant_did',
      'participant_id',
      'participant_name',
      'workstream_id',
      'customer_id',
      'workspace_id',
      'email',
      'name',
      'member_id',
      'session_id',
      'org_id',
      'client_id',
      'azp',
    ];

    expect(token.split('.')).toHaveLength(3);
    expect(token.split('.')[1]).not.toContain('=');
    for (const key of strings) {
      expect(typeof claims[key], key).toBe('string');
    }
    expect(claims.tenant_ids).toEqual(
      expect.arrayContaining([expect.any(String)]),
    );
    expect(claims.roles).toEqual(['m2m']);
    expect(Number.isInteger(claims.exp)).toBe(true);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(reply.json.expires_in);
    expect(claims.workstream_id).toBe(emu.realm.defaultWorkstreamId);
  });

  it('signs tokens with EdDSA under the published key', async () => {
    const token = emu.issuePat();
    const [header, payload, signature] = token.split('.') as [
      string,
      string,
      string,
    ];
    const key = createPublicKey({ key: emu.tokenSigningKey, format: 'jwk' });

    expect(JSON.parse(Buffer.from(header, 'base64url').toString()).alg).toBe(
      'EdDSA',
    );
    expect(
      verify(
        null,
        Buffer.from(`${header}.${payload}`),
        key,
        Buffer.from(signature, 'base64url'),
      ),
    ).toBe(true);
    expect(emu.verifyToken(token).valid).toBe(true);
  });

  it('accepts client_secret_post credentials in the form body', async () => {
    const reply = await call(emu.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: 'client_secret=s3cr3t&grant_type=client_credentials&client_id=m2mc-123',
    });

    expect(reply.status).toBe(200);
  });

  it.each([
    ['a wrong secret', basic('m2mc-123', 'nope')],
    ['an unknown client', basic('m2mc-unknown', 's3cr3t')],
    ['a secret with a different case', basic('m2mc-123', 'S3CR3T')],
    [
      'no colon in Basic',
      `Basic ${Buffer.from('m2mc-123').toString('base64')}`,
    ],
    ['no credentials at all', undefined],
  ])('answers 401 INVALID_CLIENT for %s', async (_name, authorization) => {
    const headers: Record<string, string> = { 'content-type': FORM };
    if (authorization) {
      headers.authorization = authorization;
    }
    const reply = await call(emu.tokenUrl, {
      method: 'POST',
      headers,
      body: 'grant_type=client_credentials',
    });

    expectErrorBody(reply, 401, 'INVALID_CLIENT');
  });

  it('rejects a legacy JSON request with a wrong secret', async () => {
    const reply = await call(emu.legacyTokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: 'm2mc-123',
        client_secret: 'wrong',
        grant_type: 'client_credentials',
      }),
    });

    expectErrorBody(reply, 401, 'INVALID_CLIENT');
  });

  it.each([
    ['missing', '', 'INVALID_REQUEST'],
    ['wrong', 'grant_type=password', 'UNSUPPORTED_GRANT_TYPE'],
  ])('answers 400 when grant_type is %s', async (_name, body, code) => {
    const reply = await call(emu.tokenUrl, {
      method: 'POST',
      headers: {
        authorization: basic('m2mc-123', 's3cr3t'),
        'content-type': FORM,
      },
      body,
    });

    expectErrorBody(reply, 400, code);
  });

  it.each([
    ['malformed JSON', '{"client_id":', 'INVALID_JSON'],
    ['a JSON array', '[1,2]', 'INVALID_JSON'],
    [
      'a numeric client_id',
      '{"client_id":5,"grant_type":"client_credentials"}',
      'INVALID_REQUEST',
    ],
    ['a non-array audience', '{"audience":{"a":1}}', 'INVALID_REQUEST'],
  ])('answers 400 for %s in legacy mode', async (_name, body, code) => {
    const reply = await call(emu.legacyTokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

    expectErrorBody(reply, 400, code);
  });

  it('uses the lifetime set at runtime', async () => {
    emu.setTokenLifetime(120);
    try {
      const reply = await call(emu.tokenUrl, {
        method: 'POST',
        headers: {
          authorization: basic('m2mc-123', 's3cr3t'),
          'content-type': FORM,
        },
        body: 'grant_type=client_credentials',
      });
      expect(reply.json.expires_in).toBe(120);
    } finally {
      emu.setTokenLifetime(3600);
    }
    expect(() => emu.setTokenLifetime(0)).toThrow(TypeError);
  });
});
