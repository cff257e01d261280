import { Inject, Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
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
  OPERON_MODULE_OPTIONS,
  OperonAuthService,
  OperonModule,
  type OperonModuleOptions,
  type OperonOptionsFactory,
} from '../../lib/index.js';
import { OPERON_RESOLVED_OPTIONS } from '../../lib/operon.constants.js';
import type { ResolvedOperonOptions } from '../../lib/options/resolved-options.interface.js';
import { StubServer, unsignedJwt } from '../support/stub-server.js';

let stub: StubServer;
let issued = 0;
beforeAll(async () => {
  stub = await StubServer.start(() => ({
    body: {
      access_token: unsignedJwt({ session_id: `sess-${++issued}` }),
      expires_in: 3600,
    },
  }));
});
afterAll(() => stub.stop());

const opened: TestingModule[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((m) => m.close()));
  stub.clear();
  vi.unstubAllEnvs();
});

async function boot(imports: unknown[], providers: unknown[] = []) {
  const moduleRef = await Test.createTestingModule({
    imports: imports as never[],
    providers: providers as never[],
  }).compile();
  opened.push(moduleRef);
  await moduleRef.init();
  return moduleRef;
}

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

/** The module works end to end: a token is fetched with these credentials. */
async function expectWorking(moduleRef: TestingModule, id: string) {
  const auth = moduleRef.get(OperonAuthService);
  const token = await auth.getToken();
  expect(token.claims.sessionId).toMatch(/^sess-\d+$/);
  expect(stub.requests.at(-1)?.headers.authorization).toBe(
    basic(id, `${id}-secret`),
  );
}

function optionsFor(id: string): OperonModuleOptions {
  return {
    clientId: id,
    clientSecret: `${id}-secret`,
    tokenUrl: `${stub.url}/oauth2/token`,
    baseUrl: `${stub.url}/client-api`,
  };
}

class OperonConfig implements OperonOptionsFactory {
  calls = 0;
  createOperonOptions(): OperonModuleOptions {
    this.calls++;
    return optionsFor('from-class');
  }
}

@Module({ providers: [OperonConfig], exports: [OperonConfig] })
class OperonConfigModule {}

describe('registration paths', () => {
  it('forRoot', async () => {
    const moduleRef = await boot([OperonModule.forRoot(optionsFor('root'))]);
    await expectWorking(moduleRef, 'root');
    expect(moduleRef.get(OPERON_MODULE_OPTIONS)).toEqual(optionsFor('root'));
  });

  it('forRootAsync with useFactory, imports and inject (ConfigService)', async () => {
    vi.stubEnv('OPERON_CLIENT_ID', 'env-id');
    vi.stubEnv('OPERON_CLIENT_SECRET', 'env-id-secret');
    vi.stubEnv('OPERON_TOKEN_URL', `${stub.url}/oauth2/token`);
    vi.stubEnv('OPERON_HTTP_TIMEOUT_MS', '5000');
    vi.stubEnv('OPERON_HEARTBEAT_MS', '0');
    const moduleRef = await boot([
      OperonModule.forRootAsync({
        imports: [ConfigModule.forRoot({ ignoreEnvFile: true })],
        inject: [ConfigService],
        useFactory: (config: ConfigService) => ({
          clientId: config.get('OPERON_CLIENT_ID'),
          clientSecret: config.get('OPERON_CLIENT_SECRET'),
          tokenUrl: config.get('OPERON_TOKEN_URL'),
          httpTimeoutMs: config.get('OPERON_HTTP_TIMEOUT_MS'),
          sessionHeartbeatIntervalMs: config.get('OPERON_HEARTBEAT_MS'),
        }),
      }),
    ]);
    await expectWorking(moduleRef, 'env-id');
    const resolved = moduleRef.get<ResolvedOperonOptions>(
      OPERON_RESOLVED_OPTIONS,
    );
    expect(resolved.httpTimeoutMs).toBe(5000);
    expect(resolved.heartbeat).toBeUndefined();
  });

  it('forRootAsync with an async useFactory', async () => {
    const moduleRef = await boot([
      OperonModule.forRootAsync({
        useFactory: async () => {
          await new Promise((r) => setTimeout(r, 10));
          return optionsFor('async');
        },
      }),
    ]);
    await expectWorking(moduleRef, 'async');
  });

  it('forRootAsync with useClass (built inside the module)', async () => {
    const moduleRef = await boot([
      OperonModule.forRootAsync({ useClass: OperonConfig }),
    ]);
    await expectWorking(moduleRef, 'from-class');
  });

  it('forRootAsync with useClass whose constructor injects ConfigService', async () => {
    @Injectable()
    class EnvOperonConfig implements OperonOptionsFactory {
      constructor(
        @Inject(ConfigService) private readonly config: ConfigService,
      ) {}
      createOperonOptions(): OperonModuleOptions {
        return {
          ...optionsFor('cfg-class'),
          httpTimeoutMs: this.config.get('OPERON_HTTP_TIMEOUT_MS'),
        };
      }
    }
    vi.stubEnv('OPERON_HTTP_TIMEOUT_MS', '7000');
    const moduleRef = await boot([
      OperonModule.forRootAsync({
        imports: [ConfigModule.forRoot({ ignoreEnvFile: true })],
        useClass: EnvOperonConfig,
      }),
    ]);
    await expectWorking(moduleRef, 'cfg-class');
    const resolved = moduleRef.get<ResolvedOperonOptions>(
      OPERON_RESOLVED_OPTIONS,
    );
    expect(resolved.httpTimeoutMs).toBe(7000);
  });

  it('forRootAsync with useExisting (the imported instance is reused)', async () => {
    const moduleRef = await boot([
      OperonConfigModule,
      OperonModule.forRootAsync({
        imports: [OperonConfigModule],
        useExisting: OperonConfig,
      }),
    ]);
    await expectWorking(moduleRef, 'from-class');
    const shared = moduleRef.get(OperonConfig, { strict: false });
    expect(shared.calls).toBe(1);
  });

  it('forRootAsync rejects an invalid async configuration at boot', async () => {
    await expect(
      boot([
        OperonModule.forRootAsync({
          imports: [ConfigModule.forRoot({ ignoreEnvFile: true })],
          inject: [ConfigService],
          useFactory: () => ({
            ...optionsFor('bad'),
            httpTimeoutMs: 'abc' as never,
          }),
        }),
      ]),
    ).rejects.toThrow(
      'OperonModule: options.httpTimeoutMs must be a finite number or a numeric string, got "abc".',
    );
  });
});

@Injectable()
class FeatureService {
  constructor(
    @Inject(OperonAuthService) readonly auth: OperonAuthService,
    @Inject(OPERON_MODULE_OPTIONS) readonly options: OperonModuleOptions,
  ) {}
}

@Module({ providers: [FeatureService] })
class FeatureModule {}

describe('isGlobal', () => {
  it('forRoot isGlobal: a feature module injects the services without importing', async () => {
    const moduleRef = await boot([
      OperonModule.forRoot({ ...optionsFor('global'), isGlobal: true }),
      FeatureModule,
    ]);
    const feature = moduleRef.get(FeatureService);
    expect(feature.auth).toBe(moduleRef.get(OperonAuthService));
    expect(feature.options.clientId).toBe('global');
    await expectWorking(moduleRef, 'global');
  });

  it('forRootAsync isGlobal: the same', async () => {
    const moduleRef = await boot([
      OperonModule.forRootAsync({
        isGlobal: true,
        useFactory: () => optionsFor('global-async'),
      }),
      FeatureModule,
    ]);
    const feature = moduleRef.get(FeatureService);
    expect(feature.auth).toBeInstanceOf(OperonAuthService);
    await expectWorking(moduleRef, 'global-async');
  });

  it.each([
    ['forRoot without isGlobal', () => OperonModule.forRoot(optionsFor('x'))],
    [
      'forRoot with isGlobal: false',
      () => OperonModule.forRoot({ ...optionsFor('x'), isGlobal: false }),
    ],
    [
      'forRootAsync without isGlobal',
      () => OperonModule.forRootAsync({ useFactory: () => optionsFor('x') }),
    ],
  ])('%s: a feature module cannot inject it', async (_label, register) => {
    await expect(boot([register(), FeatureModule])).rejects.toThrow(
      /can't resolve dependencies of the FeatureService/,
    );
  });

  it('without isGlobal a feature module that imports OperonModule can', async () => {
    const operon = OperonModule.forRoot(optionsFor('local'));
    @Module({ imports: [operon], providers: [FeatureService] })
    class ImportingFeatureModule {}
    const moduleRef = await boot([ImportingFeatureModule]);
    expect(moduleRef.get(FeatureService).auth).toBeInstanceOf(
      OperonAuthService,
    );
  });
});
