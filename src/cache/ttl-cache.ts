import { setRecent } from './recent-map.js';

/**
 * A cross-request cache for slow-changing vendor metadata. It lives beside one vendor client, so
 * it only ever holds what that client's credentials may read. Concurrent misses share one load;
 * failures are not kept.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
  ) {}

  get(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    const value = load();
    setRecent(this.entries, key, { value, expires: now + this.ttlMs }, this.maxEntries);
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  /** How long the entry `get(key)` would serve stays fresh; 0 when it would load. */
  freshForMs(key: string, now = Date.now()): number {
    const hit = this.entries.get(key);
    return hit && hit.expires > now ? hit.expires - now : 0;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
