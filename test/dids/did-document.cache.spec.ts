import { describe, expect, it } from 'vitest';
import type { OperonDidDocument } from '../../lib/index.js';
import {
  DID_CACHE_MAX_ENTRIES,
  DidDocumentCache,
} from '../../lib/dids/did-document.cache.js';
import { deferred } from '../support/deferred.js';

function documentOf(did: string): OperonDidDocument {
  return {
    '@context': [],
    id: did,
    verificationMethod: [],
    authentication: [],
    assertionMethod: [],
    service: [],
  };
}

/** A cache with a hand-moved clock and a loader that counts its calls. */
function setup(ttlMs = 1000, maxEntries = 3) {
  const clock = { now: 0 };
  const loads: string[] = [];
  const cache = new DidDocumentCache(ttlMs, maxEntries, () => clock.now);
  const load = async (did: string) => {
    loads.push(did);
    return documentOf(did);
  };
  const get = (did: string) => cache.get(did, load);
  return { cache, clock, loads, get };
}

describe('DidDocumentCache', () => {
  it('holds 1,000 documents by default', () => {
    expect(DID_CACHE_MAX_ENTRIES).toBe(1000);
  });

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const { cache, loads, get } = setup();
    for (const did of ['a', 'b', 'c']) await get(did);
    await get('a');
    await get('d');

    expect(cache.size).toBe(3);
    loads.length = 0;
    for (const did of ['a', 'c', 'd']) await get(did);
    expect(loads).toEqual([]);
    await get('b');
    expect(loads).toEqual(['b']);
  });

  it('stays bounded under many distinct DIDs', async () => {
    const { cache, get } = setup(1000, 50);
    for (let i = 0; i < 500; i++) await get(`did:operon:${i}`);
    expect(cache.size).toBe(50);
  });

  it('expires entries after the TTL, not before', async () => {
    const { clock, loads, get } = setup(1000);
    await get('a');
    clock.now = 999;
    await get('a');
    expect(loads).toEqual(['a']);
    clock.now = 1000;
    await get('a');
    expect(loads).toEqual(['a', 'a']);
  });

  it('does not keep a load forgotten while in flight', async () => {
    const gate = deferred<void>();
    let count = 0;
    const cache = new DidDocumentCache(1000, 3, () => 0);
    const slow = async (did: string) => {
      count++;
      await gate.promise;
      return documentOf(did);
    };
    const pending = cache.get('a', slow);
    cache.forget('a');
    gate.resolve();
    await pending;

    await cache.get('a', slow);
    expect(count).toBe(2);
  });

  it('never stores a failed load', async () => {
    const cache = new DidDocumentCache(1000, 3, () => 0);
    let count = 0;
    const failing = async () => {
      count++;
      throw new Error('down');
    };
    await expect(cache.get('a', failing)).rejects.toThrow('down');
    await expect(cache.get('a', failing)).rejects.toThrow('down');
    expect(count).toBe(2);
    expect(cache.size).toBe(0);
  });
});
