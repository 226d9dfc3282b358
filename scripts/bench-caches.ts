// Compares the gateway's cross-request caches (src/cache/) with lru-cache doing the same job, on
// the paths a request takes: a hit (every dashboard request, several times), a miss that evicts
// (a new key under a full cache), and SwrCache's stale hit that starts a refresh. Both run in one
// process, interleaved, so the machine's load shifts both alike. Run: `npx tsx scripts/bench-caches.ts`.
import { LRUCache } from 'lru-cache';
import { setRecent } from '../src/cache/recent-map.js';
import { SwrCache } from '../src/cache/swr-cache.js';
import { TtlCache } from '../src/cache/ttl-cache.js';

const ROUNDS = 7;
const OPS = 2_000_000;
const value = Promise.resolve({ rows: [] as unknown[] });
const load = () => value;
const keys = Array.from({ length: 8 }, (_, i) => `userlane|2025-01-01..2025-12-31|${i}`);

type Case = { name: string; run: (i: number) => unknown };

function ttlHit(): Case {
  const ours = new TtlCache<unknown>(60_000, 1000);
  for (const k of keys) void ours.get(k, load);
  return { name: 'TtlCache hit', run: (i) => ours.get(keys[i & 7]!, load) };
}
function lruTtlHit(): Case {
  const lru = new LRUCache<string, Promise<unknown>>({ max: 1000, ttl: 60_000 });
  for (const k of keys) lru.set(k, value);
  const get = (k: string) => {
    const hit = lru.get(k);
    if (hit) return hit;
    const v = load();
    lru.set(k, v);
    return v;
  };
  return { name: 'lru-cache (ttl) hit', run: (i) => get(keys[i & 7]!) };
}
function ttlEvict(): Case {
  const ours = new TtlCache<unknown>(60_000, 1000);
  return { name: 'TtlCache miss+evict', run: (i) => ours.get(`k${i}`, load) };
}
function lruEvict(): Case {
  const lru = new LRUCache<string, Promise<unknown>>({ max: 1000, ttl: 60_000 });
  return {
    name: 'lru-cache (ttl) miss+evict',
    run: (i) => {
      const k = `k${i}`;
      const hit = lru.get(k);
      if (hit) return hit;
      const v = load();
      lru.set(k, v);
      // As TtlCache does: a failed load is not kept.
      v.catch(() => {
        if (lru.get(k) === v) lru.delete(k);
      });
      return v;
    },
  };
}
function swrHit(): Case {
  const ours = new SwrCache<unknown>(60_000, 300_000, 8);
  for (const k of keys) void ours.get(k, load);
  return { name: 'SwrCache fresh hit', run: (i) => ours.get(keys[i & 7]!, load) };
}
function lruSwrHit(): Case {
  const lru = new LRUCache<string, object>({
    max: 8,
    ttl: 60_000,
    allowStale: true,
    fetchMethod: () => value as Promise<object>,
  });
  for (const k of keys) void lru.fetch(k);
  return { name: 'lru-cache fetch() fresh hit', run: (i) => lru.fetch(keys[i & 7]!) };
}

// The bounded maps of setRecent (cursor digests, token counts, derived values): a hit is a
// plain Map.get, since an entry's place is renewed when it is set, not when it is read.
const texts = Array.from({ length: 512 }, (_, i) => `cursor-text-${i}`);
function recentHit(): Case {
  const map = new Map<string, number>();
  for (const [i, t] of texts.entries()) setRecent(map, t, i, 1000);
  return { name: 'setRecent map hit', run: (i) => map.get(texts[i & 511]!) };
}
function lruHit(): Case {
  const lru = new LRUCache<string, number>({ max: 1000 });
  for (const [i, t] of texts.entries()) lru.set(t, i);
  return { name: 'lru-cache (no ttl) hit', run: (i) => lru.get(texts[i & 511]!) };
}
function recentChurn(): Case {
  const map = new Map<string, number>();
  return { name: 'setRecent set+evict', run: (i) => setRecent(map, `k${i}`, i, 1000) };
}
function lruChurn(): Case {
  const lru = new LRUCache<string, number>({ max: 1000 });
  return { name: 'lru-cache (no ttl) set+evict', run: (i) => lru.set(`k${i}`, i) };
}

function time(c: Case): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < OPS; i++) c.run(i);
  return Number(process.hrtime.bigint() - start) / OPS;
}

async function main() {
  const pairs: [Case, Case][] = [
    [ttlHit(), lruTtlHit()],
    [ttlEvict(), lruEvict()],
    [swrHit(), lruSwrHit()],
    [recentHit(), lruHit()],
    [recentChurn(), lruChurn()],
  ];
  await new Promise((r) => setTimeout(r, 10)); // let the warm-up loads settle
  const results = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const pair of pairs) {
      for (const c of round % 2 ? [...pair].reverse() : pair) {
        const ns = time(c);
        if (round > 0) results.set(c.name, [...(results.get(c.name) ?? []), ns]);
      }
    }
    await new Promise((r) => setTimeout(r, 0));
  }
  for (const [name, samples] of results) {
    const sorted = samples.sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(
      `${name.padEnd(30)} ${median.toFixed(1).padStart(7)} ns/op (median of ${sorted.length})`,
    );
  }
}

void main();
