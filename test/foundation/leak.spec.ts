import { Test, type TestingModule } from '@nestjs/testing';
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
} from 'vitest';
import {
  OperonAuthService,
  OperonModule,
  type OperonModuleOptions,
} from '../../lib/index.js';
import { describeError } from '../../lib/errors/index.js';
import { OperonHttpClient } from '../../lib/http/operon-http.client.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { CapturingLogger } from '../support/capture-logger.js';
import { errorRenderings, findLeaks } from '../support/leak-scan.js';
import { refusedUrl } from '../support/ports.js';

const CLIENT_ID = 'm2mc-leak';
const SECRET = 'sk-LEAKCANARY-7f3c9e1d5a';
const WRONG = `${SECRET}-wrong`;
const basic = (secret: string) =>
  Buffer.from(`${CLIENT_ID}:${secret}`).toString('base64');
const BASIC = basic(SECRET);

/** Every token the emulator handed out during the run. */
const tokens: string[] = [];
const secrets = () => [SECRET, BASIC, basic(WRONG), ...tokens];

let emu: OperonEmulator;
const optionLogger = new CapturingLogger();
const nestLogger = new CapturingLogger();
const printed: string[] = [];

beforeAll(async () => {
  emu = await OperonEmulator.start({
    clientId: CLIENT_ID,
    clientSecret: SECRET,
  });
  // Anything printed directly, by us or by Nest, is scanned too.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((
      chunk: unknown,
      ...rest: never[]
    ) => {
      printed.push(String(chunk));
      return write(chunk as string, ...rest);
    }) as typeof stream.write);
  }
  for (const level of ['log', 'error', 'warn', 'info', 'debug'] as const) {
    const original = console[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
      original(...args);
    });
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await emu.stop();
});

const open: TestingModule[] = [];
afterEach(async () => {
  emu.faults.clear();
  await Promise.all(open.splice(0).map((m) => m.close()));
});

type LoggerMode = 'logger option' | "Nest's default Logger";

async function boot(mode: LoggerMode, overrides: OperonModuleOptions = {}) {
  const options = emu.moduleOptions({
    retry: { retries: 1, minDelayMs: 1, maxDelayMs: 5 },
    httpTimeoutMs: 300,
    ...(mode === 'logger option' ? { logger: optionLogger } : {}),
    ...overrides,
  });
  const builder = Test.createTestingModule({
    imports: [OperonModule.forRoot(options)],
  });
  if (mode !== 'logger option') builder.setLogger(nestLogger);
  const moduleRef = await builder.compile();
  open.push(moduleRef);
  await moduleRef.init();
  const auth = moduleRef.get(OperonAuthService);
  const http = moduleRef.get(OperonHttpClient);
  return {
    auth,
    http,
    /** A valid token, remembered as a secret. */
    async token() {
      const { accessToken } = await auth.getToken();
      tokens.push(accessToken);
      return accessToken;
    },
    /** A bearer GET of a client-API route. */
    read(token: string, path = '/v1/interactions') {
      return http.send({
        method: 'GET',
        url: `${emu.baseUrl}${path}`,
        token,
        idempotent: true,
      });
    },
  };
}

type Scenario = [label: string, run: (mode: LoggerMode) => Promise<unknown>];

const SCENARIOS: Scenario[] = [
  [
    'bad client secret (401)',
    async (mode) => (await boot(mode, { clientSecret: WRONG })).auth.getToken(),
  ],
  [
    'bad client secret, legacy JSON mode (401)',
    async (mode) =>
      (
        await boot(mode, {
          tokenUrl: emu.legacyTokenUrl,
          clientSecret: WRONG,
        })
      ).auth.getToken(),
  ],
  [
    'token endpoint 500 with a body',
    async (mode) => {
      emu.faults.inject({
        route: 'token',
        status: 500,
        body: { code: 'INTERNAL', message: 'token store exploded' },
      });
      return (await boot(mode)).auth.getToken();
    },
  ],
  [
    'token endpoint timeout',
    async (mode) => {
      emu.faults.inject({ route: 'token', latencyMs: 1_000 });
      return (await boot(mode)).auth.getToken();
    },
  ],
  [
    'token endpoint reset',
    async (mode) => {
      emu.faults.inject({ route: 'token', reset: true });
      return (await boot(mode)).auth.getToken();
    },
  ],
  [
    'token endpoint malformed JSON',
    async (mode) => {
      emu.faults.inject({ route: 'token', status: 200, malformedJson: true });
      return (await boot(mode)).auth.getToken();
    },
  ],
  [
    'token endpoint refused',
    async (mode) =>
      (
        await boot(mode, { tokenUrl: `${await refusedUrl()}/oauth2/token` })
      ).auth.getToken(),
  ],
  [
    'revoked bearer token (401)',
    async (mode) => {
      const app = await boot(mode);
      const token = await app.token();
      emu.revoke(token);
      return app.read(token);
    },
  ],
  [
    'bearer call 500 with a body',
    async (mode) => {
      const app = await boot(mode);
      const token = await app.token();
      emu.faults.inject({
        route: 'interactions',
        status: 500,
        body: {
          code: 'INTERNAL',
          message: 'catalogue exploded',
          details: { at: 'db' },
        },
      });
      return app.read(token);
    },
  ],
  [
    'bearer call 503 retried, then given up',
    async (mode) => {
      const app = await boot(mode);
      const token = await app.token();
      emu.faults.inject({
        route: 'interactions',
        status: 503,
        headers: { 'retry-after': '0' },
      });
      return app.read(token);
    },
  ],
  [
    'bearer call timeout',
    async (mode) => {
      const app = await boot(mode);
      const token = await app.token();
      emu.faults.inject({ route: 'interactions', latencyMs: 1_000 });
      return app.read(token);
    },
  ],
  [
    'bearer call reset',
    async (mode) => {
      const app = await boot(mode);
      const token = await app.token();
      emu.faults.inject({ route: 'interactions', reset: true });
      return app.read(token);
    },
  ],
  [
    'bearer call decode error',
    async (mode) => {
      const app = await boot(mode);
      const token = await app.token();
      emu.faults.inject({
        route: 'interactions',
        status: 200,
        malformedJson: true,
      });
      return app.read(token);
    },
  ],
  [
    'bearer call refused',
    async (mode) => {
      const app = await boot(mode);
      const token = await app.token();
      return app.http.send({
        method: 'GET',
        url: `${await refusedUrl()}/client-api/v1/x?access_token=${token}`,
        token,
      });
    },
  ],
  [
    'provider returns an empty token (validation error)',
    async (mode) =>
      (
        await boot(mode, {
          clientId: undefined,
          clientSecret: undefined,
          tokenProvider: { getToken: () => ({ accessToken: '  ' }) },
        })
      ).auth.getToken(),
  ],
  [
    'configuration error with the secret configured',
    async () =>
      OperonModule.forRoot({
        clientId: CLIENT_ID,
        clientSecret: SECRET,
        baseUrl: 'not a url',
      }),
  ],
  [
    'provider and secret together',
    async () =>
      OperonModule.forRoot({
        clientSecret: SECRET,
        tokenProvider: { getToken: () => ({ accessToken: SECRET }) },
      }),
  ],
  [
    'forRootAsync boot failure with the secret configured',
    async () =>
      Test.createTestingModule({
        imports: [
          OperonModule.forRootAsync({
            useFactory: () => ({
              clientId: CLIENT_ID,
              clientSecret: SECRET,
              httpTimeoutMs: 'soon' as never,
            }),
          }),
        ],
      }).compile(),
  ],
];

describe.each<LoggerMode>(['logger option', "Nest's default Logger"])(
  'no secret leaks (%s)',
  (mode) => {
    it.each(SCENARIOS)('%s', async (_label, run) => {
      let thrown: unknown;
      try {
        await run(mode);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, 'the scenario must fail').toBeInstanceOf(Error);
      const texts = [...errorRenderings(thrown), describeError(thrown)];
      expect(findLeaks(texts, secrets())).toEqual([]);
    });
  },
);

describe('no secret in any log line or printed output', () => {
  it('tokens were issued, so the scan below is meaningful', () => {
    expect(tokens.length).toBeGreaterThanOrEqual(12);
    for (const token of tokens) expect(token.split('.')).toHaveLength(3);
  });

  it('the logger option', () => {
    expect(findLeaks(optionLogger.texts, secrets())).toEqual([]);
  });

  it("Nest's default Logger", () => {
    expect(findLeaks(nestLogger.texts, secrets())).toEqual([]);
  });

  it('stdout, stderr and console', () => {
    expect(findLeaks(printed, secrets())).toEqual([]);
  });
});

describe('the scanner itself', () => {
  it('catches a leaked secret, Basic value, token and Bearer header', () => {
    const token = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2ln';
    const leaky = Object.assign(new Error('failed'), {
      config: { headers: { Authorization: `Bearer ${token}` } },
    });
    const wrapped = new Error('outer', { cause: leaky });
    expect(findLeaks(errorRenderings(wrapped), [token]).length).toBeGreaterThan(
      0,
    );
    expect(findLeaks([`x ${SECRET} y`], [SECRET])).toHaveLength(1);
    expect(findLeaks([`Basic ${BASIC}`], [BASIC])).toHaveLength(1);
    expect(findLeaks(['Authorization: Bearer abcdef123'], [])).toHaveLength(1);
    expect(findLeaks(['operon: 401 Unauthorized'], [SECRET])).toEqual([]);
  });
});
