import { setRecent } from './recent-map.js';
import type { SharedTier } from './swr-cache.js';

/**
 * A cross-request cache for slow-changing vendor metadata. It lives beside one vendor client, so
 * it only ever holds what that client's credentials may read. Concurrent misses share one load;
 * failures are not kept. With a shared tier (several replicas), a miss asks the tier first.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
    private readonly shared?: SharedTier<V>,
  ) {}

  get(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    const value = this.shared ? this.viaTier(key, load) : load();
    setRecent(this.entries, key, { value, expires: now + this.ttlMs }, this.maxEntries);
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  private viaTier(key: string, load: () => Promise<V>): Promise<V> {
    const { tier, prefix, codec } = this.shared!;
    const policy = { freshMs: this.ttlMs, maxAgeMs: this.ttlMs };
    return tier.read(prefix + key, () => load(), policy, codec).then((loaded) => loaded.value);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
