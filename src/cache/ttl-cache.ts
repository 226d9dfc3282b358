import { LRUCache } from 'lru-cache';

/**
 * A cross-request cache for slow-changing vendor metadata. It lives beside one vendor client, so
 * it only ever holds what that client's credentials may read. Concurrent misses share one load;
 * failures are not kept. lru-cache keeps the expiry and the bound: its hit costs what the
 * hand-written map did (56–61 vs 58–68 ns, a miss that evicts 0.8–1.1 vs 1.2–1.5 µs;
 * `npx tsx scripts/bench-caches.ts`).
 */
export class TtlCache<V> {
  private readonly entries: LRUCache<string, Promise<V>>;

  constructor(ttlMs: number, maxEntries = 1000) {
    this.entries = new LRUCache({ max: maxEntries, ttl: ttlMs });
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const value = load();
    this.entries.set(key, value);
    value.catch(() => {
      if (this.entries.peek(key) === value) this.entries.delete(key);
    });
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
