import type { Codec, CacheTier, Loaded } from '../shared-state/types.js';
import { type LookupObserver, swrLookup } from './lookups.js';
import { setRecent } from './recent-map.js';

/** The replicas' shared copy beneath this cache (REDIS_URL), under `prefix` + the key. */
export interface SharedTier<V> {
  tier: CacheTier;
  prefix: string;
  codec?: Codec<V>;
}

/**
 * A cross-request cache for whole-range vendor reads that many requests repeat (dashboards re-read
 * the same 360 days of NPS). It lives beside one vendor client, so it only holds what that
 * client's credentials may read. Within `ttlMs` an entry is served as is; after that, up to
 * `maxAgeMs`, it is still served while one background refresh replaces it, so a dashboard never
 * waits for a re-read. Concurrent misses share one load; failures are not kept; `clear()` after a
 * write also stops a refresh already under way from bringing back what was read before it.
 * A TTL of 0 disables the cache: every `get` loads. With a shared tier (several replicas), a
 * miss or a refresh asks the tier, which reads the vendor in one replica for all of them; without
 * one, nothing of that runs.
 *
 * Kept rather than lru-cache's `fetch()` with `allowStale`: that allocates a promise per hit and
 * took 93–143 ns a fresh hit where this takes 64–74 (`npx tsx scripts/bench-caches.ts`), and
 * `isFresh` (the feed's "read anyway or fresh" check) has no direct equivalent there.
 */
export class SwrCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  onLookup?: LookupObserver;

  constructor(
    private readonly ttlMs: number,
    private readonly maxAgeMs: number,
    private readonly maxEntries = 8,
    private readonly shared?: SharedTier<V>,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** `load(true)` is a background refresh: it must not depend on the request that asked. */
  get(key: string, load: (background: boolean) => Promise<V>, now = Date.now()): Promise<V> {
    if (!this.enabled) return load(false);
    const hit = this.entries.get(key);
    this.onLookup?.(swrLookup(hit, now, this.ttlMs, this.maxAgeMs));
    if (hit) {
      const age = now - hit.loadedAt;
      if (age < this.ttlMs) return hit.value;
      if (hit.settled && age < Math.max(this.maxAgeMs, this.ttlMs)) {
        if (!hit.refreshing) this.refresh(key, hit, load);
        return hit.value;
      }
    }
    if (this.shared) return this.storeShared(key, this.viaTier(key, load), now);
    return this.store(key, load(false), now).value;
  }

  /** How long the copy `get(key)` would serve stays within its TTL; 0 when it would not. */
  freshForMs(key: string, now = Date.now()): number {
    const hit = this.entries.get(key);
    return this.enabled && hit ? Math.max(0, this.ttlMs - (now - hit.loadedAt)) : 0;
  }

  /** Whether `get(key)` would answer at once from a copy within its TTL, without any read. */
  isFresh(key: string, now = Date.now()): boolean {
    const hit = this.entries.get(key);
    return hit !== undefined && hit.settled && now - hit.loadedAt < this.ttlMs;
  }

  /**
   * Whether `get(key)` would answer from a copy this cache holds (within its TTL, still being
   * read, or stale within `maxAgeMs`) rather than wait for a new load. Local copies only: the
   * shared tier is not asked.
   */
  holds(key: string, now = Date.now()): boolean {
    const hit = this.entries.get(key);
    if (!this.enabled || hit === undefined) return false;
    const age = now - hit.loadedAt;
    return age < this.ttlMs || (hit.settled && age < Math.max(this.maxAgeMs, this.ttlMs));
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private refresh(key: string, hit: Entry<V>, load: (background: boolean) => Promise<V>): void {
    this.replaceWhenLoaded(
      key,
      hit,
      this.shared
        ? this.viaTier(key, () => load(true), true)
        : load(true).then((value) => ({ value, loadedAt: Date.now() })),
    );
  }

  /** `hit` is served until `loaded` settles, then replaced by its value (kept on a failure). */
  private replaceWhenLoaded(key: string, hit: Entry<V>, loaded: Promise<Loaded<V>>): void {
    hit.refreshing = true;
    loaded.then(
      ({ value, loadedAt }) => {
        // Cleared (a write) or replaced meanwhile: this read may predate the write.
        if (this.entries.get(key) !== hit) return;
        this.entries.set(key, {
          value: Promise.resolve(value),
          loadedAt,
          settled: true,
          refreshing: false,
        });
      },
      () => {
        // Keep serving the stale value; the next request after this one tries again.
        hit.refreshing = false;
      },
    );
  }

  /** `refresh`: a stale copy is served meanwhile, so the tier answers a fresh one. */
  private viaTier(key: string, load: (background: boolean) => Promise<V>, refresh = false) {
    const { tier, prefix, codec } = this.shared!;
    const policy = { freshMs: this.ttlMs, maxAgeMs: Math.max(this.maxAgeMs, this.ttlMs) };
    return tier.read(prefix + key, load, policy, codec, refresh);
  }

  /** A shared copy is as old as its vendor read, which may be older than this request. */
  private storeShared(key: string, loaded: Promise<Loaded<V>>, now: number) {
    const entry = this.store(
      key,
      loaded.then((l) => l.value),
      now,
    );
    loaded.then(
      (l) => {
        entry.loadedAt = l.loadedAt;
        // A stale shared copy this replica refreshes for all: its new copy replaces it here.
        if (l.refreshed) this.replaceWhenLoaded(key, entry, l.refreshed);
      },
      () => undefined,
    );
    return entry.value;
  }

  private store(key: string, value: Promise<V>, now: number): Entry<V> {
    const entry: Entry<V> = { value, loadedAt: now, settled: false, refreshing: false };
    setRecent(this.entries, key, entry, this.maxEntries);
    value.then(
      () => {
        entry.settled = true;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry;
  }
}

interface Entry<V> {
  value: Promise<V>;
  loadedAt: number;
  settled: boolean;
  refreshing: boolean;
}
