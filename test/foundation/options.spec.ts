import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OperonConfigurationError,
  OperonModule,
  type OperonModuleOptions,
} from '../../lib/index.js';
import { OPERON_RESOLVED_OPTIONS } from '../../lib/operon.constants.js';
import { resolveOperonOptions } from '../../lib/options/resolve-options.js';
import type { ResolvedOperonOptions } from '../../lib/options/resolved-options.interface.js';
import { StubServer } from '../support/stub-server.js';

const CREDS = { clientId: 'id', clientSecret: 'secret' };
const provider = { getToken: () => ({ accessToken: 't' }) };
const logger = { log() {}, error() {}, warn() {} };

const TIMERS_HINT = 'Node timers cannot wait longer (about 24.8 days).';
const CREDENTIAL_HINT =
  'Set clientId and clientSecret, or pass a tokenProvider instead.';

type Row = [
  label: string,
  options: Record<string, unknown>,
  type: typeof TypeError | typeof OperonConfigurationError,
  message: string,
];

// Every configuration error, with its exact message (PROTOCOL §1.2).
const INVALID: Row[] = [
  [
    'baseUrl not a URL',
    { ...CREDS, baseUrl: 'not a url' },
    OperonConfigurationError,
    'OperonModule: options.baseUrl must be an absolute http(s) URL, got "not a url".',
  ],
  [
    'baseUrl not http(s)',
    { ...CREDS, baseUrl: 'ftp://example.com/x' },
    OperonConfigurationError,
    'OperonModule: options.baseUrl must be an absolute http(s) URL, got "ftp://example.com/x".',
  ],
  [
    'baseUrl not a string',
    { ...CREDS, baseUrl: 42 },
    TypeError,
    'OperonModule: options.baseUrl must be a string, got number.',
  ],
  [
    'tokenUrl relative',
    { ...CREDS, tokenUrl: '/oauth2/token' },
    OperonConfigurationError,
    'OperonModule: options.tokenUrl must be an absolute http(s) URL, got "/oauth2/token".',
  ],
  [
    'tokenUrl invalid in provider mode',
    { tokenProvider: provider, tokenUrl: 'http://' },
    OperonConfigurationError,
    'OperonModule: options.tokenUrl must be an absolute http(s) URL, got "http://".',
  ],
  [
    'didResolverUrl invalid',
    { ...CREDS, didResolverUrl: 'did.operon.cloud' },
    OperonConfigurationError,
    'OperonModule: options.didResolverUrl must be an absolute http(s) URL, got "did.operon.cloud".',
  ],
  [
    'sessionHeartbeatUrl invalid',
    {
      ...CREDS,
      sessionHeartbeatIntervalMs: 1000,
      sessionHeartbeatUrl: 'beat',
    },
    OperonConfigurationError,
    'OperonModule: options.sessionHeartbeatUrl must be an absolute http(s) URL, got "beat".',
  ],
  [
    'clientId missing',
    { clientSecret: 'secret' },
    OperonConfigurationError,
    `OperonModule: options.clientId is required. ${CREDENTIAL_HINT}`,
  ],
  [
    'clientId blank',
    { clientId: '   ', clientSecret: 'secret' },
    OperonConfigurationError,
    `OperonModule: options.clientId is required. ${CREDENTIAL_HINT}`,
  ],
  [
    'clientSecret missing',
    { clientId: 'id' },
    OperonConfigurationError,
    `OperonModule: options.clientSecret is required. ${CREDENTIAL_HINT}`,
  ],
  [
    'clientSecret blank',
    { clientId: 'id', clientSecret: ' \t ' },
    OperonConfigurationError,
    `OperonModule: options.clientSecret is required. ${CREDENTIAL_HINT}`,
  ],
  [
    'nothing at all',
    {},
    OperonConfigurationError,
    `OperonModule: options.clientId is required. ${CREDENTIAL_HINT}`,
  ],
  [
    'clientSecret not a string',
    { clientId: 'id', clientSecret: 12345 },
    TypeError,
    'OperonModule: options.clientSecret must be a string, got number.',
  ],
  [
    'provider with clientId',
    { tokenProvider: provider, clientId: 'id' },
    OperonConfigurationError,
    'OperonModule: options.tokenProvider cannot be used with clientId or clientSecret. Remove the credentials or the provider.',
  ],
  [
    'provider with clientSecret',
    { tokenProvider: provider, clientSecret: 'secret' },
    OperonConfigurationError,
    'OperonModule: options.tokenProvider cannot be used with clientId or clientSecret. Remove the credentials or the provider.',
  ],
  [
    'provider object without getToken',
    { tokenProvider: { token: () => 't' } },
    TypeError,
    'OperonModule: options.tokenProvider must be an object with a getToken() method, a class, or an injection token.',
  ],
  [
    'provider of the wrong type',
    { tokenProvider: 42 },
    TypeError,
    'OperonModule: options.tokenProvider must be an object with a getToken() method, a class, or an injection token.',
  ],
  [
    'unsupported algorithm',
    { ...CREDS, signingAlgorithm: 'RS256' },
    OperonConfigurationError,
    'OperonModule: unsupported options.signingAlgorithm "RS256". Use EdDSA, ES256 or ES256K.',
  ],
  [
    'algorithm with inner space',
    { ...CREDS, signingAlgorithm: ' es 256 ' },
    OperonConfigurationError,
    'OperonModule: unsupported options.signingAlgorithm "es 256". Use EdDSA, ES256 or ES256K.',
  ],
  [
    'negative heartbeat interval',
    { ...CREDS, sessionHeartbeatIntervalMs: -1 },
    OperonConfigurationError,
    'OperonModule: options.sessionHeartbeatIntervalMs cannot be negative, got -1. Use 0 to disable it.',
  ],
  [
    'negative heartbeat interval as a string',
    { ...CREDS, sessionHeartbeatIntervalMs: '-120000' },
    OperonConfigurationError,
    'OperonModule: options.sessionHeartbeatIntervalMs cannot be negative, got -120000. Use 0 to disable it.',
  ],
  [
    'heartbeat interval not numeric',
    { ...CREDS, sessionHeartbeatIntervalMs: '2m' },
    OperonConfigurationError,
    'OperonModule: options.sessionHeartbeatIntervalMs must be a finite number or a numeric string, got "2m".',
  ],
  [
    'heartbeat timeout zero',
    {
      ...CREDS,
      sessionHeartbeatIntervalMs: 1000,
      sessionHeartbeatTimeoutMs: 0,
    },
    OperonConfigurationError,
    'OperonModule: options.sessionHeartbeatTimeoutMs must be greater than 0, got 0.',
  ],
  [
    'httpTimeoutMs "abc"',
    { ...CREDS, httpTimeoutMs: 'abc' },
    OperonConfigurationError,
    'OperonModule: options.httpTimeoutMs must be a finite number or a numeric string, got "abc".',
  ],
  [
    'httpTimeoutMs "5000ms"',
    { ...CREDS, httpTimeoutMs: '5000ms' },
    OperonConfigurationError,
    'OperonModule: options.httpTimeoutMs must be a finite number or a numeric string, got "5000ms".',
  ],
  [
    'httpTimeoutMs NaN',
    { ...CREDS, httpTimeoutMs: Number.NaN },
    OperonConfigurationError,
    'OperonModule: options.httpTimeoutMs must be a finite number or a numeric string, got NaN.',
  ],
  [
    'httpTimeoutMs Infinity',
    { ...CREDS, httpTimeoutMs: Number.POSITIVE_INFINITY },
    OperonConfigurationError,
    'OperonModule: options.httpTimeoutMs must be a finite number or a numeric string, got Infinity.',
  ],
  [
    'httpTimeoutMs boolean',
    { ...CREDS, httpTimeoutMs: true },
    OperonConfigurationError,
    'OperonModule: options.httpTimeoutMs must be a finite number or a numeric string, got boolean.',
  ],
  [
    'httpTimeoutMs object',
    { ...CREDS, httpTimeoutMs: { ms: 5 } },
    OperonConfigurationError,
    'OperonModule: options.httpTimeoutMs must be a finite number or a numeric string, got object.',
  ],
  [
    'httpTimeoutMs zero',
    { ...CREDS, httpTimeoutMs: 0 },
    OperonConfigurationError,
    'OperonModule: options.httpTimeoutMs must be greater than 0, got 0.',
  ],
  [
    'httpTimeoutMs negative string',
    { ...CREDS, httpTimeoutMs: '-1' },
    OperonConfigurationError,
    'OperonModule: options.httpTimeoutMs must be greater than 0, got -1.',
  ],
  [
    'httpTimeoutMs beyond Node timers',
    { ...CREDS, httpTimeoutMs: '3000000000' },
    OperonConfigurationError,
    `OperonModule: options.httpTimeoutMs must be at most 2147483647, got 3000000000. ${TIMERS_HINT}`,
  ],
  [
    'heartbeat interval beyond Node timers',
    { ...CREDS, sessionHeartbeatIntervalMs: 2 ** 31 },
    OperonConfigurationError,
    `OperonModule: options.sessionHeartbeatIntervalMs must be at most 2147483647, got 2147483648. ${TIMERS_HINT}`,
  ],
  [
    'tokenLeewayMs not numeric',
    { ...CREDS, tokenLeewayMs: 'thirty' },
    OperonConfigurationError,
    'OperonModule: options.tokenLeewayMs must be a finite number or a numeric string, got "thirty".',
  ],
  [
    'maxSockets zero',
    { ...CREDS, maxSockets: '0' },
    OperonConfigurationError,
    'OperonModule: options.maxSockets must be greater than 0, got 0.',
  ],
  [
    'negative didCacheTtlMs',
    { ...CREDS, didCacheTtlMs: -5 },
    OperonConfigurationError,
    'OperonModule: options.didCacheTtlMs cannot be negative, got -5. Use 0 to disable it.',
  ],
  [
    'logger without methods',
    { ...CREDS, logger: {} },
    TypeError,
    'OperonModule: options.logger must be false or a LoggerService (an object with log, error and warn methods).',
  ],
  [
    'logger missing warn',
    { ...CREDS, logger: { log() {}, error() {} } },
    TypeError,
    'OperonModule: options.logger must be false or a LoggerService (an object with log, error and warn methods).',
  ],
  [
    'logger true',
    { ...CREDS, logger: true },
    TypeError,
    'OperonModule: options.logger must be false or a LoggerService (an object with log, error and warn methods).',
  ],
  [
    'logger a string',
    { ...CREDS, logger: 'console' },
    TypeError,
    'OperonModule: options.logger must be false or a LoggerService (an object with log, error and warn methods).',
  ],
  [
    'verification unknown',
    { ...CREDS, verification: 'offline' },
    OperonConfigurationError,
    'OperonModule: options.verification must be "remote" or "local", got "offline".',
  ],
  [
    'verification not a string',
    { ...CREDS, verification: true },
    TypeError,
    'OperonModule: options.verification must be a string, got boolean.',
  ],
  [
    'audience with a number',
    { ...CREDS, audience: ['a', 1] },
    TypeError,
    'OperonModule: options.audience must be an array of strings.',
  ],
  [
    'allowedSenderDids an object',
    { ...CREDS, allowedSenderDids: { did: 'x' } },
    TypeError,
    'OperonModule: options.allowedSenderDids must be an array of strings.',
  ],
  [
    'scope not a string',
    { ...CREDS, scope: ['a'] },
    TypeError,
    'OperonModule: options.scope must be a string, got an array.',
  ],
  [
    'disableSelfSign "yes"',
    { ...CREDS, disableSelfSign: 'yes' },
    TypeError,
    'OperonModule: options.disableSelfSign must be true or false, got "yes".',
  ],
  [
    'eagerInit a number',
    { ...CREDS, eagerInit: 1 },
    TypeError,
    'OperonModule: options.eagerInit must be true or false, got number.',
  ],
  [
    'retry a string',
    { ...CREDS, retry: 'always' },
    TypeError,
    'OperonModule: options.retry must be false or an object such as { retries: 2, minDelayMs: 100, maxDelayMs: 2000 }.',
  ],
  [
    'retry true',
    { ...CREDS, retry: true },
    TypeError,
    'OperonModule: options.retry must be false or an object such as { retries: 2, minDelayMs: 100, maxDelayMs: 2000 }.',
  ],
  [
    'retry.retries negative',
    { ...CREDS, retry: { retries: -1 } },
    OperonConfigurationError,
    'OperonModule: options.retry.retries cannot be negative, got -1. Use 0 to disable it.',
  ],
  [
    'retry.maxDelayMs not numeric',
    { ...CREDS, retry: { maxDelayMs: 'abc' } },
    OperonConfigurationError,
    'OperonModule: options.retry.maxDelayMs must be a finite number or a numeric string, got "abc".',
  ],
];

describe('option validation: forRoot throws when the module is defined', () => {
  it.each(INVALID)('%s', (_label, options, type, message) => {
    const define = () =>
      OperonModule.forRoot(options as unknown as OperonModuleOptions);
    expect(define).toThrow(type);
    expect(define).toThrow(message);
    // The exact text, not just a prefix.
    try {
      define();
    } catch (error) {
      expect((error as Error).message).toBe(message);
    }
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['string', 'id:secret'],
  ])('refuses options that are %s', (got, options) => {
    expect(() => OperonModule.forRoot(options as never)).toThrow(
      new TypeError(
        `OperonModule: options must be an object, got ${got}. ` +
          'Pass them to OperonModule.forRoot({...}) or return them from the ' +
          'forRootAsync() factory.',
      ),
    );
  });

  it('never echoes a mistyped secret in the message', () => {
    expect(() =>
      OperonModule.forRoot({
        clientId: 'id',
        clientSecret: 987654321 as never,
      }),
    ).toThrow(/^(?!.*987654321)/s);
  });
});

describe('option validation: forRootAsync fails the boot, before any request', () => {
  let stub: StubServer;
  beforeAll(async () => {
    stub = await StubServer.start(() => ({ status: 500 }));
  });
  afterAll(() => stub.stop());

  it.each(INVALID)('%s', async (_label, options, type, message) => {
    stub.clear();
    const factoryOptions = {
      tokenUrl: `${stub.url}/oauth2/token`,
      ...options,
      eagerInit: options.eagerInit ?? true,
    };
    const boot = Test.createTestingModule({
      imports: [
        OperonModule.forRootAsync({
          useFactory: async () => factoryOptions as OperonModuleOptions,
        }),
      ],
    }).compile();
    await expect(boot).rejects.toThrow(type);
    await expect(boot).rejects.toThrow(message);
    expect(stub.requests).toHaveLength(0);
  });

  it('refuses a factory that returns nothing', async () => {
    const boot = Test.createTestingModule({
      imports: [
        OperonModule.forRootAsync({
          useFactory: () => undefined as unknown as OperonModuleOptions,
        }),
      ],
    }).compile();
    await expect(boot).rejects.toThrow(
      'OperonModule: options must be an object, got undefined.',
    );
  });
});

describe('defaults and normalisation (PROTOCOL §1.2, §13.1)', () => {
  it('applies every default', () => {
    const resolved = resolveOperonOptions({ ...CREDS });
    expect(resolved).toEqual({
      clientId: 'id',
      clientSecret: 'secret',
      baseUrl: 'https://api.operon.cloud/client-api',
      tokenUrl: 'https://auth.operon.cloud/oauth2/token',
      legacyTokenRequest: false,
      scope: undefined,
      audience: [],
      httpTimeoutMs: 30_000,
      tokenLeewayMs: 30_000,
      selfSign: true,
      signingAlgorithm: 'EdDSA',
      heartbeat: undefined,
      logger: undefined,
      eagerInit: false,
      didResolverUrl: 'https://did.operon.cloud',
      verification: 'remote',
      didCacheTtlMs: 300_000,
      allowedSenderDids: [],
      sessionCacheTtlMs: 60_000,
      sessionCacheMaxEntries: 10_000,
      sessionCookieName: undefined,
      requiredWorkstreamId: undefined,
      retry: { retries: 2, minDelayMs: 100, maxDelayMs: 2000 },
      maxSockets: 64,
    } satisfies ResolvedOperonOptions);
  });

  it('parses numbers that arrive as strings, never producing NaN', () => {
    const resolved = resolveOperonOptions({
      ...CREDS,
      httpTimeoutMs: '5000' as never,
      tokenLeewayMs: ' 45000 ' as never,
      sessionHeartbeatIntervalMs: '120000' as never,
      sessionHeartbeatTimeoutMs: '2500' as never,
      maxSockets: '8' as never,
      retry: { retries: '3' as never, minDelayMs: '10' as never },
    });
    expect(resolved.httpTimeoutMs).toBe(5000);
    expect(resolved.tokenLeewayMs).toBe(45_000);
    expect(resolved.heartbeat).toEqual({
      intervalMs: 120_000,
      timeoutMs: 2500,
      url: 'https://api.operon.cloud/client-api/v1/session/heartbeat',
    });
    expect(resolved.maxSockets).toBe(8);
    expect(resolved.retry).toEqual({
      retries: 3,
      minDelayMs: 10,
      maxDelayMs: 2000,
    });
  });

  it('treats empty and blank strings from the environment as unset', () => {
    const resolved = resolveOperonOptions({
      ...CREDS,
      baseUrl: '  ',
      httpTimeoutMs: '' as never,
      sessionHeartbeatIntervalMs: '   ' as never,
      signingAlgorithm: ' ',
      disableSelfSign: '' as never,
    });
    expect(resolved.baseUrl).toBe('https://api.operon.cloud/client-api');
    expect(resolved.httpTimeoutMs).toBe(30_000);
    expect(resolved.heartbeat).toBeUndefined();
    expect(resolved.signingAlgorithm).toBe('EdDSA');
    expect(resolved.selfSign).toBe(true);
  });

  it.each([
    [0, 30_000],
    [-5, 30_000],
    ['-1', 30_000],
    [1, 1],
    [61_000, 61_000],
  ])('tokenLeewayMs %j → %j (non-positive → default)', (value, expected) => {
    const resolved = resolveOperonOptions({
      ...CREDS,
      tokenLeewayMs: value as never,
    });
    expect(resolved.tokenLeewayMs).toBe(expected);
  });

  it.each([
    ['es256k', 'ES256K'],
    ['ES256k', 'ES256K'],
    [' es256 ', 'ES256'],
    ['EDDSA', 'EdDSA'],
    ['eddsa', 'EdDSA'],
  ])('signingAlgorithm %j is stored as %j', (value, expected) => {
    expect(
      resolveOperonOptions({ ...CREDS, signingAlgorithm: value })
        .signingAlgorithm,
    ).toBe(expected);
  });

  it('trims URLs and removes trailing slashes', () => {
    const resolved = resolveOperonOptions({
      ...CREDS,
      baseUrl: ' http://127.0.0.1:9/client-api/// ',
      tokenUrl: 'http://127.0.0.1:9/oauth2/token/',
      didResolverUrl: 'http://127.0.0.1:9/',
      sessionHeartbeatIntervalMs: 1000,
      sessionHeartbeatUrl: 'http://127.0.0.1:9/beat/',
    });
    expect(resolved.baseUrl).toBe('http://127.0.0.1:9/client-api');
    expect(resolved.tokenUrl).toBe('http://127.0.0.1:9/oauth2/token');
    expect(resolved.didResolverUrl).toBe('http://127.0.0.1:9');
    expect(resolved.heartbeat?.url).toBe('http://127.0.0.1:9/beat');
  });

  it('derives the heartbeat URL from the base URL and drops it at 0', () => {
    const on = resolveOperonOptions({
      ...CREDS,
      baseUrl: 'http://h/api/',
      sessionHeartbeatIntervalMs: 1,
    });
    expect(on.heartbeat).toEqual({
      intervalMs: 1,
      timeoutMs: 10_000,
      url: 'http://h/api/v1/session/heartbeat',
    });
    const off = resolveOperonOptions({
      ...CREDS,
      sessionHeartbeatIntervalMs: 0,
      sessionHeartbeatTimeoutMs: 5,
      sessionHeartbeatUrl: 'http://h/beat',
    });
    expect(off.heartbeat).toBeUndefined();
  });

  it.each([
    ['http://h/v1/session/m2m/token', true],
    ['https://h/prefix/v1/session/m2m', true],
    ['http://h/oauth2/token', false],
    ['http://h/V1/SESSION/M2M/token', false],
  ])('token URL %s selects legacy JSON mode: %s', (tokenUrl, legacy) => {
    expect(
      resolveOperonOptions({ ...CREDS, tokenUrl }).legacyTokenRequest,
    ).toBe(legacy);
  });

  it('trims credentials, scope and lists; accepts comma lists and booleans as strings', () => {
    const resolved = resolveOperonOptions({
      clientId: ' id ',
      clientSecret: ' secret ',
      scope: ' transactions:write ',
      audience: [' a ', '', '  ', 'b'],
      allowedSenderDids: 'did:x:1, did:x:2,,' as never,
      disableSelfSign: 'TRUE' as never,
      eagerInit: 'false' as never,
    });
    expect(resolved).toMatchObject({
      clientId: 'id',
      clientSecret: 'secret',
      scope: 'transactions:write',
      audience: ['a', 'b'],
      allowedSenderDids: ['did:x:1', 'did:x:2'],
      selfSign: false,
      eagerInit: false,
    });
  });

  it('accepts a provider in any of its three forms, credentials blank', () => {
    class Provider {
      getToken() {
        return { accessToken: 't' };
      }
    }
    for (const tokenProvider of [provider, Provider, 'TOKENS', Symbol('t')]) {
      const resolved = resolveOperonOptions({
        tokenProvider: tokenProvider as never,
        clientId: '  ',
        clientSecret: '',
      });
      expect(resolved.tokenProvider).toBe(tokenProvider);
      expect(resolved.clientId).toBeUndefined();
      expect(resolved.clientSecret).toBeUndefined();
    }
  });

  it('retry: false turns retries off; delays are floored and ordered', () => {
    expect(resolveOperonOptions({ ...CREDS, retry: false }).retry).toBe(false);
    expect(
      resolveOperonOptions({
        ...CREDS,
        retry: { retries: 2.7, minDelayMs: 500, maxDelayMs: 100 },
      }).retry,
    ).toEqual({ retries: 2, minDelayMs: 500, maxDelayMs: 500 });
  });

  it('keeps logger false and a LoggerService as given', () => {
    expect(resolveOperonOptions({ ...CREDS, logger: false }).logger).toBe(
      false,
    );
    expect(resolveOperonOptions({ ...CREDS, logger }).logger).toBe(logger);
  });

  it('the module injects the resolved options', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        OperonModule.forRoot({
          ...CREDS,
          isGlobal: false,
          httpTimeoutMs: '5000' as never,
          signingAlgorithm: 'es256k',
        }),
      ],
    }).compile();
    const resolved = moduleRef.get<ResolvedOperonOptions>(
      OPERON_RESOLVED_OPTIONS,
    );
    expect(resolved.httpTimeoutMs).toBe(5000);
    expect(resolved.signingAlgorithm).toBe('ES256K');
    expect(resolved).not.toHaveProperty('isGlobal');
    await moduleRef.close();
  });
});
