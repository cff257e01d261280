import type { OperonDidDocument } from './did-document.interface.js';

/**
 * Most DID documents kept at once; the least recently used drops out.
 * @internal
 */
export const DID_CACHE_MAX_ENTRIES = 1000;

interface Entry {
  document: OperonDidDocument;
  expiresAt: number;
}

/**
 * Resolved DID documents, bounded (LRU) and with a TTL. Concurrent misses
 * for one DID share one load. Failures are never stored: a DID registered
 * a moment ago, or a resolver back from an outage, works on the next
 * request, and concurrent callers already share the failing load.
 * @internal
 */
export class DidDocumentCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<OperonDidDocument>>();
  // Bumped by forget(): a load started before it must not store its result.
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = DID_CACHE_MAX_ENTRIES,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Number of documents held (expired ones included until touched). */
  get size(): number {
    return this.entries.size;
  }

  /** The cached document, else the shared result of `load(did)`. */
  get(
    did: string,
    load: (did: string) => Promise<OperonDidDocument>,
  ): Promise<OperonDidDocument> {
    const cached = this.fresh(did);
    if (cached) return Promise.resolve(cached);
    const pending = this.loading.get(did);
    if (pending) return pending;

    const generation = this.generation;
    const settle = () => {
      if (this.loading.get(did) === started) this.loading.delete(did);
    };
    const started = load(did).then(
      (document) => {
        settle();
        if (generation === this.generation) this.store(did, document);
        return document;
      },
      (error: unknown) => {
        settle();
        throw error;
      },
    );
    this.loading.set(did, started);
    return started;
  }

  /** Drops one DID, or every DID, so the next use resolves again. */
  forget(did?: string): void {
    this.generation++;
    if (did === undefined) {
      this.entries.clear();
      this.loading.clear();
      return;
    }
    this.entries.delete(did);
    this.loading.delete(did);
  }

  private fresh(did: string): OperonDidDocument | undefined {
    const entry = this.entries.get(did);
    if (!entry) return undefined;
    this.entries.delete(did);
    if (entry.expiresAt <= this.now()) return undefined;
    // Re-inserting keeps the Map in least-recently-used order.
    this.entries.set(did, entry);
    return entry.document;
  }

  private store(did: string, document: OperonDidDocument): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(did);
    this.entries.set(did, { document, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }
}
