import { Inject, Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  OperonAuthService,
  OperonModule,
  OperonValidationError,
  type OperonTokenProvider,
  type OperonTokenRecord,
} from '../../lib/index.js';
import { OperonEmulator } from '../../lib/testing/index.js';
import { bootOperon, type OperonTestApp } from '../support/operon-app.js';

let emu: OperonEmulator;
let app: OperonTestApp | undefined;
beforeAll(async () => {
  emu = await OperonEmulator.start();
});
afterAll(() => emu.stop());
afterEach(async () => {
  await app?.close();
  app = undefined;
  // PROTOCOL §2.7: the token URL is never used in provider mode.
  expect(emu.requests().filter((r) => r.routeId === 'token')).toEqual([]);
  emu.clearRequests();
});

/** A provider counting its calls, handing out emulator-signed PATs. */
class CountingProvider implements OperonTokenProvider {
  calls = 0;
  refreshes = 0;
  constructor(private readonly record: Partial<OperonTokenRecord> = {}) {}
  async getToken(): Promise<OperonTokenRecord> {
    this.calls++;
    return { accessToken: emu.issuePat(), ...this.record };
  }
}

function options(tokenProvider: unknown) {
  return emu.moduleOptions({
    tokenProvider: tokenProvider as never,
    logger: false,
  });
}

describe('token provider (PROTOCOL §2.7)', () => {
  it('object provider: asked on every call, never cached', async () => {
    const provider = new CountingProvider();
    app = await bootOperon(options(provider));
    const first = await app.auth.getToken();
    await app.auth.getToken();
    await app.auth.getToken();
    expect(provider.calls).toBe(3);
    expect(first.claims).toMatchObject({
      participantDid: emu.realm.participant(emu.realm.defaultApp.participantId)
        ?.did,
      clientId: emu.credentials.clientId,
    });
    expect(first.expiresAt).toBeInstanceOf(Date);
    app.auth.clear();
    await app.auth.getToken();
    expect(provider.calls).toBe(4);
  });

  it('claim fallback: provider values win, blanks come from the JWT', async () => {
    const provider = new CountingProvider({
      participantDid: ' did:operon:override ',
      workstreamId: '  ',
      roles: [],
      expiresAt: new Date('2031-01-01T00:00:00Z'),
    });
    app = await bootOperon(options(provider));
    const token = await app.auth.getToken();
    expect(token.claims.participantDid).toBe('did:operon:override');
    expect(token.claims.workstreamId).toBe(emu.realm.defaultApp.workstreamId);
    expect(token.claims.roles).toEqual([]);
    expect(token.expiresAt).toEqual(new Date('2031-01-01T00:00:00Z'));
    expect(app.auth.claims.participantDid).toBe('did:operon:override');
  });

  it('expiresAt falls back to the JWT exp', async () => {
    app = await bootOperon(options(new CountingProvider()));
    const token = await app.auth.getToken();
    expect(token.expiresAt).toEqual(token.claims.expiresAt);
    expect(token.expiresAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it('a plain object literal with a synchronous getToken works', async () => {
    const pat = emu.issuePat();
    app = await bootOperon(options({ getToken: () => ({ accessToken: pat }) }));
    expect((await app.auth.getToken()).accessToken).toBe(pat);
  });

  it('class provider: the container instance is used, with its dependencies', async () => {
    @Injectable()
    class PatSource {
      issue() {
        return emu.issuePat({ session_id: 'sess-from-di' });
      }
    }
    @Injectable()
    class DiProvider implements OperonTokenProvider {
      calls = 0;
      constructor(@Inject(PatSource) private readonly source: PatSource) {}
      getToken() {
        this.calls++;
        return { accessToken: this.source.issue() };
      }
    }
    app = await bootOperon(options(DiProvider), {
      providers: [PatSource, DiProvider],
    });
    const token = await app.auth.getToken();
    expect(token.claims.sessionId).toBe('sess-from-di');
    expect(app.moduleRef.get(DiProvider).calls).toBe(1);
  });

  it('class provider nobody registered is built by the module', async () => {
    class Standalone implements OperonTokenProvider {
      getToken() {
        return { accessToken: emu.issuePat({ session_id: 'sess-standalone' }) };
      }
    }
    app = await bootOperon(options(Standalone));
    expect((await app.auth.getToken()).claims.sessionId).toBe(
      'sess-standalone',
    );
  });

  it.each([
    ['string', 'OPERON_TOKENS'],
    ['symbol', Symbol('operon tokens')],
  ])('injection-token provider (%s)', async (_kind, token) => {
    const provider = new CountingProvider();
    app = await bootOperon(options(token), {
      providers: [{ provide: token, useValue: provider }],
    });
    await app.auth.getToken();
    await app.auth.getToken();
    expect(provider.calls).toBe(2);
  });

  it('an injection token nobody provides fails the boot', async () => {
    await expect(bootOperon(options('MISSING_TOKENS'))).rejects.toThrow(
      /MISSING_TOKENS/,
    );
  });

  it('forRootAsync may name a provider by injection token', async () => {
    const provider = new CountingProvider();
    const moduleRef = await Test.createTestingModule({
      imports: [
        OperonModule.forRootAsync({
          useFactory: () => options('ASYNC_TOKENS'),
        }),
      ],
      providers: [{ provide: 'ASYNC_TOKENS', useValue: provider }],
    }).compile();
    await moduleRef.init();
    await moduleRef.get(OperonAuthService).getToken();
    expect(provider.calls).toBe(1);
    await moduleRef.close();
  });

  it('forceRefresh uses the provider forceRefresh when it has one', async () => {
    const provider = new CountingProvider();
    const refreshing = Object.assign(provider, {
      forceRefresh: async () => {
        provider.refreshes++;
        return { accessToken: emu.issuePat({ session_id: 'sess-forced' }) };
      },
    });
    app = await bootOperon(options(refreshing));
    const token = await app.auth.forceRefresh();
    expect(token.claims.sessionId).toBe('sess-forced');
    expect(provider.refreshes).toBe(1);
    expect(provider.calls).toBe(0);
  });

  it('forceRefresh falls back to getToken', async () => {
    const provider = new CountingProvider();
    app = await bootOperon(options(provider));
    await app.auth.forceRefresh();
    expect(provider.calls).toBe(1);
  });

  it.each([
    ['an empty token', { accessToken: '' }],
    ['a blank token', { accessToken: ' \n ' }],
    ['no record', undefined],
  ])(
    '%s → "token provider returned empty access token"',
    async (_l, record) => {
      app = await bootOperon(options({ getToken: async () => record }));
      const error = await app.auth.getToken().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OperonValidationError);
      expect((error as Error).message).toBe(
        'token provider returned empty access token',
      );
      await expect(app.auth.forceRefresh()).rejects.toThrow(
        'token provider returned empty access token',
      );
    },
  );

  it("a provider's own error propagates unchanged", async () => {
    const failure = new Error('vault unavailable');
    app = await bootOperon(
      options({
        getToken: async () => {
          throw failure;
        },
      }),
    );
    await expect(app.auth.getToken()).rejects.toBe(failure);
  });
});
