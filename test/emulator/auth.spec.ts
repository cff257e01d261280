import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperonEmulator } from '../../lib/testing/index.js';
import { call, expectErrorBody, fetchToken } from './emulator.helpers.js';

const HASH = 'eji_gfOD9pQzrW6QDTWz4jhVk_dqe3q11DVbi6Qe4ks';

describe('bearer authentication', () => {
  let emu: OperonEmulator;

  beforeAll(async () => {
    emu = await OperonEmulator.start();
  });
  afterAll(() => emu.stop());

  function bearerRoutes(): Array<[string, string, string | undefined]> {
    const ws = encodeURIComponent(emu.realm.defaultWorkstreamId);
    const did = encodeURIComponent('did:operon:emulator-supplier');
    const sign = JSON.stringify({
      payloadHash: HASH,
      hashAlgorithm: 'SHA-256',
      algorithm: 'EdDSA',
    });

    return [
      ['POST', '/v1/dids/self/sign', sign],
      ['POST', '/v1/transactions', '{}'],
      ['GET', '/v1/interactions', undefined],
      ['GET', '/v1/participants', undefined],
      ['GET', `/v1/workstreams/${ws}`, undefined],
      ['GET', `/v1/workstreams/${ws}/interactions`, undefined],
      ['GET', `/v1/workstreams/${ws}/participants`, undefined],
      ['POST', `/v1/dids/${did}/signature/verify`, '{"foo":"bar"}'],
      ['GET', '/v1/session/validate', undefined],
      ['GET', '/v1/session/heartbeat', undefined],
    ];
  }

  function forgeries(): Array<[string, string, string]> {
    const token = emu.issuePat();
    const [header, payload, signature] = token.split('.') as [
      string,
      string,
      string,
    ];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = Buffer.from(
      JSON.stringify({
        ...claims,
        participant_did: 'did:operon:emulator-buyer',
      }),
    ).toString('base64url');
    const none = Buffer.from('{"alg":"none","typ":"JWT"}').toString(
      'base64url',
    );
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;

    return [
      [
        'a tampered payload',
        `${header}.${tampered}.${signature}`,
        'INVALID_TOKEN',
      ],
      ['alg none', `${none}.${payload}.`, 'INVALID_TOKEN'],
      [
        'a changed signature',
        `${header}.${payload}.${flipped}`,
        'INVALID_TOKEN',
      ],
      ['junk', 'not-a-token', 'INVALID_TOKEN'],
      [
        'an expired token',
        emu.issuePat({}, { lifetimeSeconds: -5 }),
        'SESSION_EXPIRED',
      ],
      ['a past exp claim', emu.issuePat({ exp: 1_000_000 }), 'SESSION_EXPIRED'],
    ];
  }

  it('accepts a fresh token on every bearer route', async () => {
    const token = await fetchToken(emu);
    for (const [method, path, body] of bearerRoutes()) {
      const reply = await call(`${emu.baseUrl}${path}`, {
        method,
        token,
        body,
      });
      expect(reply.status, `${method} ${path}`).not.toBe(401);
    }
  });

  it('rejects forged and expired tokens on every bearer route', async () => {
    for (const [name, token, code] of forgeries()) {
      for (const [method, path, body] of bearerRoutes()) {
        const reply = await call(`${emu.baseUrl}${path}`, {
          method,
          token,
          body,
        });
        expectErrorBody(reply, 401, code);
        expect(reply.headers.get('www-authenticate'), name).toMatch(/^Bearer/);
      }
    }
  });

  it('rejects requests without a bearer token', async () => {
    for (const [method, path, body] of bearerRoutes()) {
      const reply = await call(`${emu.baseUrl}${path}`, { method, body });
      expectErrorBody(reply, 401, 'INVALID_TOKEN');
    }
    const basic = await call(`${emu.baseUrl}/v1/session/validate`, {
      headers: { authorization: 'Basic bTJtYy0xMjM6czNjcjN0' },
    });
    expectErrorBody(basic, 401, 'INVALID_TOKEN');
  });

  it('rejects revoked tokens, from the endpoint and from issuePat', async () => {
    const issued = await fetchToken(emu);
    const pat = emu.issuePat();
    const other = emu.issuePat();
    for (const token of [issued, pat]) {
      const before = await call(emu.heartbeatUrl, { token });
      expect(before.status).toBe(200);
      emu.revoke(token);
      for (const [method, path, body] of bearerRoutes()) {
        const reply = await call(`${emu.baseUrl}${path}`, {
          method,
          token,
          body,
        });
        expectErrorBody(reply, 401, 'SESSION_EXPIRED');
      }
    }
    expect((await call(emu.heartbeatUrl, { token: other })).status).toBe(200);
    expect(emu.verifyToken(pat)).toMatchObject({
      valid: false,
      code: 'SESSION_EXPIRED',
    });
  });

  it('expires tokens once their lifetime has passed', async () => {
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = emu.issuePat({ exp });
    expect((await call(emu.heartbeatUrl, { token })).status).toBe(200);
    await new Promise((resolve) =>
      setTimeout(resolve, exp * 1000 - Date.now() + 50),
    );
    const reply = await call(emu.heartbeatUrl, { token });
    expectErrorBody(reply, 401, 'SESSION_EXPIRED');
  });

  it('answers E10 validate in snake_case from the token', async () => {
    const reply = await call(`${emu.baseUrl}/v1/session/validate`, {
      token: emu.issuePat({ email: 'pat@example.com' }),
    });

    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      user_id: expect.any(String),
      email: 'pat@example.com',
      name: 'Emulator app',
      customer_id: emu.realm.customerId,
      roles: ['m2m'],
      feature_flags: expect.any(Object),
    });
  });

  it('omits claims removed from a PAT rather than sending null', async () => {
    const token = emu.issuePat({ email: undefined, roles: undefined });
    const reply = await call(`${emu.baseUrl}/v1/session/validate`, { token });

    expect(reply.status).toBe(200);
    expect(reply.json).not.toHaveProperty('email');
    expect(reply.json.roles).toEqual([]);
  });

  it('answers E11 heartbeat with {status: ok}', async () => {
    const reply = await call(emu.heartbeatUrl, { token: emu.issuePat() });

    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ status: 'ok' });
  });

  it('issues PATs for another app', async () => {
    const app = emu.addApp({ participantId: 'prtp-emulator-carrier' });
    const token = emu.issuePat({}, { appId: app.clientId });
    const check = emu.verifyToken(token);

    expect(check.valid && check.claims.participant_did).toBe(
      'did:operon:emulator-carrier',
    );
    expect(() => emu.issuePat({}, { appId: 'nope' })).toThrow(/unknown app/);
  });
});
