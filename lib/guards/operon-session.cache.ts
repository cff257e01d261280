import { Inject, Injectable } from '@nestjs/common';
import { OPERON_RESOLVED_OPTIONS } from '../operon.constants.js';
import type { ResolvedOperonOptions } from '../options/resolved-options.interface.js';
import type { SessionInfo } from '../pat/session-info.interface.js';
import { copySession, secondsLeft } from '../pat/session-info.util.js';
import { hashPayload } from '../utils/payload.util.js';

interface Entry {
  session: SessionInfo;
  expiresAt: number;
}

/**
 * Sessions `OperonSessionGuard` validated recently, so a PAT costs one
 * round trip per `sessionCacheTtlMs` rather than one per request. Bounded
 * to `sessionCacheMaxEntries` (least recently used goes first); an entry
 * never outlives its token. Keys are SHA-256 digests, so the cache holds
 * no usable token. Concurrent first requests with one PAT share a single
 * validation.
 * @publicApi
 */
@Injectable()
export class OperonSessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<SessionInfo>>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(@Inject(OPERON_RESOLVED_OPTIONS) options: ResolvedOperonOptions) {
    this.ttlMs = options.sessionCacheTtlMs;
    this.maxEntries = options.sessionCacheMaxEntries;
  }

  /** Number of sessions held. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The cached session of a PAT, else `load()`'s, which is cached when it
   * resolves. Failures are not cached.
   */
  async resolve(
    token: string,
    load: () => Promise<SessionInfo>,
  ): Promise<SessionInfo> {
    const key = keyOf(token);
    const cached = this.read(key);
    if (cached) return cached;
    let pending = this.inflight.get(key);
    if (!pending) {
      // Cached once by the load itself, not again by every waiter.
      pending = load()
        .then((session) => {
          this.write(key, session);
          return session;
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return copySession(await pending);
  }

  /** Forgets a PAT, e.g. after the user logged out. */
  delete(token: string): void {
    this.entries.delete(keyOf(token));
  }

  /** Forgets every session. */
  clear(): void {
    this.entries.clear();
  }

  private read(key: string): SessionInfo | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= Date.now()) return undefined;
    this.entries.set(key, entry);
    const session = copySession(entry.session);
    session.expiresInSeconds = secondsLeft(session.expiresAt);
    return session;
  }

  private write(key: string, session: SessionInfo): void {
    if (this.ttlMs <= 0 || this.maxEntries <= 0) return;
    const now = Date.now();
    const tokenEnd = session.expiresAt?.getTime() ?? Infinity;
    const expiresAt = Math.min(now + this.ttlMs, tokenEnd);
    if (expiresAt <= now) return;
    this.entries.delete(key);
    this.entries.set(key, { session: copySession(session), expiresAt });
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }
}

// SHA-256, base64url: the same digest as a payload hash.
function keyOf(token: string): string {
  return hashPayload(token);
}
