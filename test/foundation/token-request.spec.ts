import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OperonApiError, type OperonModuleOptions } from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { bootOperon, type OperonTestApp } from '../support/operon-app.js';

// PROTOCOL §11.4 inputs.
const ID = 'm2mc-123';
const SECRET = 's3cr3t';
const SCOPE = 'transactions:write';
const AUDIENCE = ['https://api.operon.cloud', 'urn:operon:client-api'];

let emu: OperonEmulator;
let app: OperonTestApp | undefined;
beforeAll(async () => {
  emu = await OperonEmulator.start({ clientId: ID, clientSecret: SECRET });
});
afterAll(() => emu.stop());
afterEach(async () => {
  await app?.close();
  app = undefined;
  emu.clearRequests();
});

async function tokenRequestFor(overrides: OperonModuleOptions) {
  app = await bootOperon(emu.moduleOptions({ logger: false, ...overrides }));
  const token = await app.auth.getToken();
  const requests = emu.requests().filter((r) => r.routeId === 'token');
  expect(requests).toHaveLength(1);
  return { token, request: requests[0]! };
}

describe('standard mode: form body and Basic auth (PROTOCOL §2.1, §11.4)', () => {
  it('sends the §11.4 request, byte for byte', async () => {
    const { token, request } = await tokenRequestFor({
      scope: SCOPE,
      audience: AUDIENCE,
    });
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/oauth2/token');
    expect(request.headers.authorization).toBe('Basic bTJtYy0xMjM6czNjcjN0');
    expect(request.headers['content-type']).toBe(
      'application/x-www-form-urlencoded',
    );
    expect(request.headers.accept).toBe('application/json');
    expect(request.body).toBe(
      'grant_type=client_credentials&scope=transactions%3Awrite' +
        '&audience=https%3A%2F%2Fapi.operon.cloud' +
        '&audience=urn%3Aoperon%3Aclient-api',
    );
    // The emulator accepted it and issued a token for the app.
    expect(token.claims.clientId).toBe(ID);
    expect(token.accessToken.split('.')).toHaveLength(3);
  });

  it('form fields as parsed: repeated audience, no credentials in the body', async () => {
    const { request } = await tokenRequestFor({
      scope: SCOPE,
      audience: AUDIENCE,
    });
    const form = new URLSearchParams(request.body);
    expect([...new Set(form.keys())].sort()).toEqual([
      'audience',
      'grant_type',
      'scope',
    ]);
    expect(form.get('grant_type')).toBe('client_credentials');
    expect(form.get('scope')).toBe(SCOPE);
    expect(form.getAll('audience')).toEqual(AUDIENCE);
    expect(request.body).not.toContain(ID);
    expect(request.body).not.toContain(SECRET);
  });

  it('omits a blank scope and blank audiences; trims the rest in order', async () => {
    const { request } = await tokenRequestFor({
      scope: '   ',
      audience: ['  urn:b  ', '', ' ', 'urn:a'],
    });
    expect(request.body).toBe(
      'grant_type=client_credentials&audience=urn%3Ab&audience=urn%3Aa',
    );
  });

  it('sends only grant_type without scope and audience', async () => {
    const { request } = await tokenRequestFor({});
    expect(request.body).toBe('grant_type=client_credentials');
  });

  it('encodes the raw ID and secret, no form-encoding (client:secret fixture)', async () => {
    emu.addApp({
      participantId: emu.realm.defaultApp.participantId,
      clientId: 'client',
      clientSecret: 'secret',
    });
    const { request } = await tokenRequestFor({
      clientId: 'client',
      clientSecret: 'secret',
    });
    expect(request.headers.authorization).toBe('Basic Y2xpZW50OnNlY3JldA==');
  });

  it('keeps special characters of the secret as they are', async () => {
    const secret = 'p@ss:w/rd +%ü';
    emu.addApp({
      participantId: emu.realm.defaultApp.participantId,
      clientId: 'special',
      clientSecret: secret,
    });
    const { request } = await tokenRequestFor({
      clientId: 'special',
      clientSecret: secret,
    });
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from(`special:${secret}`, 'utf8').toString('base64')}`,
    );
  });

  it('bad credentials: 401 INVALID_CLIENT as an OperonApiError', async () => {
    app = await bootOperon(
      emu.moduleOptions({ clientSecret: 'wrong', logger: false }),
    );
    const error = await app.auth.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperonApiError);
    expect(error).toMatchObject({
      status: 401,
      code: 'INVALID_CLIENT',
      method: 'POST',
      path: '/oauth2/token',
    });
  });
});

describe('legacy JSON mode for /v1/session/m2m (PROTOCOL §2.2, §13.1)', () => {
  it('sends a JSON body without an Authorization header', async () => {
    const { token, request } = await tokenRequestFor({
      tokenUrl: emu.legacyTokenUrl,
    });
    expect(emu.legacyTokenUrl).toContain('/v1/session/m2m');
    expect(request.method).toBe('POST');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).toBe('application/json');
    // Scope and audience omitted when empty (unlike Node's `audience: []`).
    expect(request.body).toBe(
      '{"client_id":"m2mc-123","client_secret":"s3cr3t",' +
        '"grant_type":"client_credentials"}',
    );
    expect(token.claims.clientId).toBe(ID);
  });

  it('includes scope and the audience array when set', async () => {
    const { request } = await tokenRequestFor({
      tokenUrl: emu.legacyTokenUrl,
      scope: ` ${SCOPE} `,
      audience: [...AUDIENCE, ' '],
    });
    expect(JSON.parse(request.body)).toEqual({
      client_id: ID,
      client_secret: SECRET,
      grant_type: 'client_credentials',
      scope: SCOPE,
      audience: AUDIENCE,
    });
  });

  it('bad credentials in legacy mode: 401 as an OperonApiError', async () => {
    app = await bootOperon(
      emu.moduleOptions({
        tokenUrl: emu.legacyTokenUrl,
        clientSecret: 'wrong',
        logger: false,
      }),
    );
    await expect(app.auth.getToken()).rejects.toMatchObject({
      name: 'OperonApiError',
      status: 401,
      code: 'INVALID_CLIENT',
    });
  });
});
