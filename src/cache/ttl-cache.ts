import { LRUCache } from 'lru-cache';
import type { LookupObserver } from './lookups.js';
import type { Loaded } from '../shared-state/types.js';
import type { SharedTier } from './swr-cache.js';

/**
 * A cross-request cache for slow-changing vendor metadata. It lives beside one vendor client, so
 * it only ever holds what that client's credentials may read. Concurrent misses share one load;
 * failures are not kept. With a shared tier (several replicas), a miss asks the tier first.
 * lru-cache keeps the expiry and the bound: its hit costs what the hand-written map did (56–61 vs
 * 58–68 ns, a miss that evicts 0.8–1.1 vs 1.2–1.5 µs; `npx tsx scripts/bench-caches.ts`).
 */
export class TtlCache<V> {
  private readonly entries: LRUCache<string, Promise<V>>;
  onLookup?: LookupObserver;

  constructor(
    private readonly ttlMs: number,
    maxEntries = 1000,
    private readonly shared?: SharedTier<V>,
  ) {
    this.entries = new LRUCache({ max: maxEntries, ttl: ttlMs });
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    this.onLookup?.(hit ? 'hit' : 'miss');
    if (hit) return hit;
    const value: Promise<V> = this.shared
      ? this.viaTier(key, load).then((loaded) => {
          this.expireWithCopy(key, value, loaded.loadedAt);
          return loaded.value;
        })
      : load();
    this.entries.set(key, value);
    value.catch(() => {
      if (this.entries.peek(key) === value) this.entries.delete(key);
    });
    return value;
  }

  private viaTier(key: string, load: () => Promise<V>): Promise<Loaded<V>> {
    const { tier, prefix, codec } = this.shared!;
    const policy = { freshMs: this.ttlMs, maxAgeMs: this.ttlMs };
    return tier.read(prefix + key, () => load(), policy, codec);
  }

  /**
   * A copy from the tier was read from the vendor at `loadedAt`, by whichever replica read it: it
   * is fresh for the TTL from then, not from when this replica got it. Kept a whole TTL from
   * now, a copy read just before its expiry in Redis would be served for almost two.
   */
  private expireWithCopy(key: string, value: Promise<V>, loadedAt: number): void {
    if (this.entries.peek(key) !== value) return;
    // Never past a TTL from now, should another replica's clock be ahead of this one's.
    const left = Math.min(this.ttlMs, this.ttlMs - (Date.now() - loadedAt));
    if (left >= 1) this.entries.set(key, value, { ttl: Math.floor(left) });
    else this.entries.delete(key);
  }

  /** How long the entry `get(key)` would serve stays fresh; 0 when it would load. */
  freshForMs(key: string): number {
    // 0 when absent or expired; never Infinity, since every entry has the TTL.
    return Math.max(0, this.entries.getRemainingTTL(key));
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
