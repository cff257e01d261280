import { describe, expect, it } from 'vitest';
import { OperonSessionCache, type SessionInfo } from '../../lib/index.js';
import type { ResolvedOperonOptions } from '../../lib/options/resolved-options.interface.js';

function cache(ttlMs: number, maxEntries: number) {
  return new OperonSessionCache({
    sessionCacheTtlMs: ttlMs,
    sessionCacheMaxEntries: maxEntries,
  } as ResolvedOperonOptions);
}

function session(userId: string, expiresInMs?: number): SessionInfo {
  return {
    userId,
    email: '',
    name: '',
    customerId: '',
    roles: ['r'],
    featureFlags: {},
    workstreamId: '',
    workspaceId: '',
    participantDid: '',
    participantId: '',
    clientId: '',
    sessionId: '',
    expiresAt:
      expiresInMs === undefined
        ? undefined
        : new Date(Date.now() + expiresInMs),
    expiresInSeconds: 0,
  };
}

function counter(expiresInMs?: number) {
  const loads: string[] = [];
  const load = (name: string) => () => {
    loads.push(name);
    return Promise.resolve(session(name, expiresInMs));
  };
  return { loads, load };
}

describe('OperonSessionCache', () => {
  it('evicts the least recently used session beyond its bound', async () => {
    const c = cache(60_000, 2);
    const { loads, load } = counter();
    await c.resolve('a', load('a'));
    await c.resolve('b', load('b'));
    await c.resolve('a', load('a'));
    await c.resolve('c', load('c'));
    await c.resolve('a', load('a'));
    await c.resolve('b', load('b'));
    expect(loads).toEqual(['a', 'b', 'c', 'b']);
    expect(c.size).toBe(2);
  });

  it('never keeps a session past its token expiry', async () => {
    const c = cache(60_000, 10);
    const { loads, load } = counter(-1);
    await c.resolve('t', load('t'));
    await c.resolve('t', load('t'));
    expect(loads).toEqual(['t', 't']);
    expect(c.size).toBe(0);
  });

  it('keeps nothing with a zero TTL or bound', async () => {
    for (const c of [cache(0, 10), cache(1000, 0)]) {
      const { loads, load } = counter();
      await c.resolve('t', load('t'));
      await c.resolve('t', load('t'));
      expect(loads).toHaveLength(2);
    }
  });

  it('does not cache failures and hands out copies', async () => {
    const c = cache(60_000, 10);
    await expect(
      c.resolve('t', () => Promise.reject(new Error('down'))),
    ).rejects.toThrow('down');
    const first = await c.resolve('t', () =>
      Promise.resolve(session('u', 90_000)),
    );
    first.roles.push('mutated');
    const second = await c.resolve('t', () => Promise.reject(new Error('no')));
    expect(second.roles).toEqual(['r']);
    expect(second.expiresInSeconds).toBe(90);
    c.delete('t');
    expect(c.size).toBe(0);
  });
});
