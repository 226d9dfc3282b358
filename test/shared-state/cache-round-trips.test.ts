// What the shared cache tier costs in Redis round trips, counted by Redis itself (INFO
// commandstats of a redis-server of our own, so no other test's commands are counted): a refresh
// is one script that reads the copy and claims it, and one that stores the new copy and frees
// the claim, however many requests come while the vendor is read; a replica that did not read
// hears the claim and takes the copy from the store's announcement (a big copy: one GET).
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SwrCache } from '../../src/cache/swr-cache.js';
import { redisRoundTrips } from '../../src/bench/redis-round-trips.js';
import type { SharedState } from '../../src/shared-state/index.js';
import { ownRedis, type TestRedis } from '../support/redis.js';
import { sharedReplicas } from '../support/shared-replicas.js';

let redis: TestRedis;
let stats: Redis;
beforeAll(async () => {
  redis = await ownRedis();
  stats = new Redis(redis.url);
});
afterAll(async () => {
  stats?.disconnect();
  await redis?.close();
});

/** Round trips, counted as the bench's replicas scenario counts them. */
const roundTrips = () => redisRoundTrips(stats);

const replicas = (count: number): Promise<SharedState[]> =>
  sharedReplicas({ url: redis.url, prefix: redis.prefix(), count, lockMs: 3000 });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TTL_MS = 300;

/**
 * An export read: counted, `ms` on the wire, its value the read's number; `blob`, when given,
 * is that many random bytes (base64) that compression cannot shrink.
 */
function exportRead(ms: number, blob = 0) {
  const vendor = {
    reads: 0,
    load: async () => {
      vendor.reads += 1;
      const n = vendor.reads;
      await sleep(ms);
      const rows = Array.from({ length: 50 }, (_, i) => ({ id: i, score: i % 11 }));
      return { n, rows, blob: randomBytes(blob).toString('base64') };
    },
  };
  return vendor;
}

type Value = Awaited<ReturnType<ReturnType<typeof exportRead>['load']>>;
const cacheOn = (state: SharedState) =>
  new SwrCache<Value>(TTL_MS, 60_000, 8, { tier: state.tier('planhat:acct')!, prefix: 'nps|' });

/** Requests every 5 ms until `done`; the values they were served. */
async function requests(cache: SwrCache<Value>, load: () => Promise<Value>, done: () => boolean) {
  const served: number[] = [];
  const deadline = Date.now() + 3000;
  while (!done()) {
    expect(Date.now()).toBeLessThan(deadline);
    served.push((await cache.get('2026', load)).n);
    await sleep(5);
  }
  return served;
}

describe('shared cache tier: Redis round trips', () => {
  it('a refresh costs two round trips however many requests come while the vendor is read', async () => {
    const [state] = await replicas(1);
    const cache = cacheOn(state!);
    const vendor = exportRead(120);
    expect((await cache.get('2026', vendor.load)).n).toBe(1);
    await sleep(TTL_MS + 50);
    const before = await roundTrips();
    // Requests through the refresh, until one is served the new copy from this replica's memory.
    const served = await requests(cache, vendor.load, () => cache.isFresh('2026'));
    await sleep(100);
    expect(vendor.reads).toBe(2);
    // Stale copy served while the vendor was read (no request waited), then the new one.
    expect(served.length).toBeGreaterThan(5);
    expect(served.filter((n) => n === 1).length).toBeGreaterThan(5);
    expect((await cache.get('2026', vendor.load)).n).toBe(2);
    expect((await roundTrips()) - before).toBe(2);
    await state!.close();
  });

  it('a replica without its own copy is served the stale shared one at once and keeps the one it reads meanwhile', async () => {
    const [state] = await replicas(1);
    const vendor = exportRead(120);
    expect((await cacheOn(state!).get('2026', vendor.load)).n).toBe(1);
    await sleep(TTL_MS + 50);
    // A cache that lost its copy (a restart, an eviction): the shared one is past its TTL.
    const cache = cacheOn(state!);
    const before = await roundTrips();
    const started = Date.now();
    expect((await cache.get('2026', vendor.load)).n).toBe(1);
    expect(Date.now() - started).toBeLessThan(100);
    const served = await requests(cache, vendor.load, () => cache.isFresh('2026'));
    await sleep(100);
    expect(vendor.reads).toBe(2);
    expect(served.filter((n) => n === 1).length).toBeGreaterThan(5);
    expect((await cache.get('2026', vendor.load)).n).toBe(2);
    expect((await roundTrips()) - before).toBe(2);
    await state!.close();
  });

  /** a and b both hold a copy of read 1 that goes stale at the same moment. */
  async function bothStale(vendor: ReturnType<typeof exportRead>) {
    const [a, b] = await replicas(2);
    const [ca, cb] = [cacheOn(a!), cacheOn(b!)];
    expect((await ca.get('2026', vendor.load)).n).toBe(1);
    await sleep(50);
    // b is served a's copy, as old as a's read: both go stale together.
    expect((await cb.get('2026', vendor.load)).n).toBe(1);
    expect(vendor.reads).toBe(1);
    await sleep(TTL_MS + 50);
    return { a: a!, b: b!, ca, cb };
  }

  /** a starts the refresh; b's requests come while a reads the vendor, until both are fresh. */
  async function refreshBoth(ca: SwrCache<Value>, cb: SwrCache<Value>, load: () => Promise<Value>) {
    const both = () => ca.isFresh('2026') && cb.isFresh('2026');
    const servedA = requests(ca, load, both);
    // Past the refresh's random spread (up to 50 ms): a has claimed when b's copy is refreshed.
    await sleep(80);
    const servedB = await requests(cb, load, both);
    await servedA;
    await sleep(100);
    return servedB;
  }

  it('two replicas refresh their stale copies with one vendor read and two round trips in all', async () => {
    const vendor = exportRead(200);
    const { a, b, ca, cb } = await bothStale(vendor);
    const before = await roundTrips();
    const servedB = await refreshBoth(ca, cb, vendor.load);
    expect(vendor.reads).toBe(2);
    expect(servedB.length).toBeGreaterThan(5);
    // b served its stale copy while a read the vendor, never waited for it.
    expect(servedB.filter((n) => n === 1).length).toBeGreaterThan(5);
    expect((await ca.get('2026', vendor.load)).n).toBe(2);
    expect((await cb.get('2026', vendor.load)).n).toBe(2);
    // a: the read that claims, the store that frees (and announces the copy). b: none, it heard
    // the claim and took the copy from the announcement. One vendor call, at most 2 round trips.
    expect((await roundTrips()) - before).toBeLessThanOrEqual(2);
    await Promise.all([a.close(), b.close()]);
  });

  it('a copy too big to announce costs the other replica one read', async () => {
    // Random bytes: about 400 KiB packed, over what a store announces with its copy.
    const vendor = exportRead(200, 300 * 1024);
    const { a, b, ca, cb } = await bothStale(vendor);
    const before = await roundTrips();
    await refreshBoth(ca, cb, vendor.load);
    expect(vendor.reads).toBe(2);
    expect((await ca.get('2026', vendor.load)).n).toBe(2);
    expect((await cb.get('2026', vendor.load)).n).toBe(2);
    // a: claim and store; b: the one GET of the stored copy once it is announced.
    expect((await roundTrips()) - before).toBeLessThanOrEqual(3);
    await Promise.all([a.close(), b.close()]);
  });

  it('a write during the refresh: the replica that heard the claim is not served the copy read before it', async () => {
    const vendor = exportRead(250);
    const { a, b, ca, cb } = await bothStale(vendor);
    const servedA = ca.get('2026', vendor.load);
    await sleep(80); // past the refresh's spread: a has claimed
    // b hears a's claim and waits for its copy; a write lands while a reads the vendor.
    const servedB = cb.get('2026', vendor.load);
    await sleep(20);
    await a.publish({ vendor: 'planhat' });
    expect((await servedA).n).toBe(1);
    expect((await servedB).n).toBe(1);
    const deadline = Date.now() + 3000;
    while (!cb.isFresh('2026')) {
      expect(Date.now()).toBeLessThan(deadline);
      await sleep(10);
    }
    // a's read began before the write: its copy (read 2) is not stored, so b reads again.
    expect(vendor.reads).toBe(3);
    expect((await cb.get('2026', vendor.load)).n).toBe(3);
    await Promise.all([a.close(), b.close()]);
  });
});
