// The shared cache tier against a real Redis: one read for several replicas (single-flight),
// a write's generation bump, compression, bounds, and a Redis that goes away.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SwrCache } from '../../src/cache/swr-cache.js';
import { TtlCache } from '../../src/cache/ttl-cache.js';
import { silentLogger } from '../../src/logger.js';
import { createSharedState, type SharedState } from '../../src/shared-state/index.js';
import { Redis } from 'ioredis';
import { ownRedis, type TestRedis, testRedis } from '../support/redis.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await testRedis();
});
afterAll(async () => {
  await redis.close();
});

async function replicas(count: number, prefix: string, url = redis.url, maxBytes = 1 << 20) {
  const states = Array.from({ length: count }, () =>
    createSharedState(
      { url, prefix, replicas: count, cacheMaxBytes: maxBytes, cacheMaxEntries: 4 },
      { logger: silentLogger, lockMs: 3000 },
    ),
  );
  await Promise.all(states.map((s) => s.ready(5000)));
  return states;
}

const cacheOn = (state: SharedState, ttlMs = 60_000) =>
  new SwrCache<{ n: number; text: string }>(ttlMs, 300_000, 8, {
    tier: state.tier('planhat:acct')!,
    prefix: 'nps|',
  });

describe('shared cache tier', () => {
  it('three replicas missing at once read the vendor once and all get its answer', async () => {
    const states = await replicas(3, redis.prefix());
    let reads = 0;
    const load = async () => {
      reads += 1;
      await new Promise((r) => setTimeout(r, 150));
      return { n: 42, text: 'x'.repeat(10_000) };
    };
    const caches = states.map((s) => cacheOn(s));
    const values = await Promise.all(caches.map((c) => c.get('2026', load)));
    expect(reads).toBe(1);
    for (const value of values) expect(value).toEqual({ n: 42, text: 'x'.repeat(10_000) });
    await Promise.all(states.map((s) => s.close()));
  });

  it('peek finds what another replica reads (waiting for it), and never reads or locks itself', async () => {
    const [a, b] = await replicas(2, redis.prefix());
    const policy = { freshMs: 60_000, maxAgeMs: 60_000 };
    const tierA = a!.tier('planhat:acct')!;
    const tierB = b!.tier('planhat:acct')!;
    // Nothing stored and no one reading: nothing found, and no lock left behind.
    expect(await tierB.peek('w', policy)).toBeUndefined();
    let reads = 0;
    const slowRead = tierA.read(
      'w',
      async () => {
        reads += 1;
        await new Promise((r) => setTimeout(r, 200));
        return { rows: [1, 2, 3] };
      },
      policy,
    );
    await new Promise((r) => setTimeout(r, 50));
    // A reads it now: B's peek waits for A's result.
    const peeked = await tierB.peek<{ rows: number[] }>('w', policy);
    expect(peeked?.value).toEqual({ rows: [1, 2, 3] });
    expect((await slowRead).value).toEqual({ rows: [1, 2, 3] });
    expect(reads).toBe(1);
    await Promise.all([a!.close(), b!.close()]);
  });

  it('stores large values compressed', async () => {
    const prefix = redis.prefix();
    const [state] = await replicas(1, prefix);
    await cacheOn(state!).get('big', async () => ({ n: 1, text: 'abc'.repeat(20_000) }));
    await new Promise((r) => setTimeout(r, 100));
    const client = new Redis(redis.url);
    const keys = await client.keys(`${prefix}c:planhat:acct:*`);
    const entry = keys.find((k) => k.endsWith('nps|big'));
    expect(entry).toBeDefined();
    const stored = await client.hgetBuffer(entry!, 'v');
    expect(stored![0]).toBe(0x7a); // deflated
    expect(stored!.length).toBeLessThan(60_000 / 10);
    client.disconnect();
    await state!.close();
  });

  it('after a write no replica is served the copy read before it, even one stored late', async () => {
    const [a, b] = await replicas(2, redis.prefix());
    const ca = cacheOn(a!);
    const cb = cacheOn(b!);
    expect(await ca.get('k', async () => ({ n: 1, text: 'before' }))).toEqual({
      n: 1,
      text: 'before',
    });
    // A read that started before the write and finishes after it.
    let finish!: () => void;
    const slow = new Promise<void>((r) => (finish = r));
    const stale = new SwrCache<{ n: number; text: string }>(60_000, 300_000, 8, {
      tier: a!.tier('planhat:acct')!,
      prefix: 'nps|',
    });
    const late = stale.get('other', async () => {
      await slow;
      return { n: 0, text: 'pre-write' };
    });
    // The write, through b: b's copies and Redis's are dropped, a is told.
    await new Promise((r) => setTimeout(r, 50));
    cb.clear();
    await b!.publish({ vendor: 'planhat' });
    finish();
    await late;
    await new Promise((r) => setTimeout(r, 100));
    let reads = 0;
    const fresh = async () => {
      reads += 1;
      return { n: 2, text: 'after' };
    };
    expect(await cb.get('k', fresh)).toEqual({ n: 2, text: 'after' });
    expect(await cb.get('other', fresh)).toEqual({ n: 2, text: 'after' });
    expect(reads).toBe(2);
    await Promise.all([a!.close(), b!.close()]);
  });

  it("serves another replica's metadata copy no longer than a TTL after that replica's read", async () => {
    const [a, b] = await replicas(2, redis.prefix());
    const ttlMs = 1_000;
    const on = (state: SharedState) =>
      new TtlCache<string[]>(ttlMs, 10, { tier: state.tier('userloop:acct')!, prefix: 'surveys|' });
    const ca = on(a!);
    const cb = on(b!);
    let reads = 0;
    const load = async () => {
      reads += 1;
      return [`survey-${reads}`];
    };
    const readAt = Date.now();
    expect(await ca.get('list', load)).toEqual(['survey-1']);
    // B first asks 600 ms after A's read: the copy has 400 ms of its TTL left, not a whole TTL.
    await new Promise((r) => setTimeout(r, 600 - (Date.now() - readAt)));
    expect(await cb.get('list', load)).toEqual(['survey-1']);
    expect(reads).toBe(1);
    const left = cb.freshForMs('list');
    expect(left).toBeGreaterThan(0);
    // About 400 (A's read itself took a few ms after readAt); a whole TTL without the fix.
    expect(left).toBeLessThanOrEqual(ttlMs - 500);
    // 1.2 s after A's read the copy is past its TTL everywhere: B reads the vendor again (kept a
    // TTL from when B got it, it would serve the old list until 1.6 s).
    await new Promise((r) => setTimeout(r, 1_200 - (Date.now() - readAt)));
    expect(await cb.get('list', load)).toEqual(['survey-2']);
    expect(reads).toBe(2);
    await Promise.all([a!.close(), b!.close()]);
  });

  it('keeps a value over REDIS_CACHE_MAX_BYTES in its replica only', async () => {
    const [a, b] = await replicas(2, redis.prefix(), redis.url, 1024);
    let reads = 0;
    const load = async () => {
      reads += 1;
      // Random hex: about 2,000 bytes even deflated.
      return { n: reads, text: randomBytes(2000).toString('hex') };
    };
    await cacheOn(a!).get('huge', load);
    await new Promise((r) => setTimeout(r, 100));
    await cacheOn(b!).get('huge', load);
    expect(reads).toBe(2);
    await Promise.all([a!.close(), b!.close()]);
  });

  it('bounds the entries per account', async () => {
    const prefix = redis.prefix();
    const [a] = await replicas(1, prefix);
    const cache = new TtlCache<number>(60_000, 1000, {
      tier: a!.tier('userhero:acct')!,
      prefix: 'p|',
    });
    for (let i = 0; i < 10; i++) await cache.get(`ws${i}`, async () => i);
    await new Promise((r) => setTimeout(r, 150));
    const client = new Redis(redis.url);
    const keys = (await client.keys(`${prefix}c:userhero:acct:*`)).filter(
      (k) => !k.endsWith(':lock'),
    );
    expect(keys.length).toBe(4);
    client.disconnect();
    await a!.close();
  });

  it('reads the vendor itself while Redis is away, and shares again when it is back', async () => {
    const own = await ownRedis();
    const [a, b] = await replicas(2, own.prefix(), own.url);
    await own.kill!();
    await new Promise((r) => setTimeout(r, 300));
    expect(a!.mode).toBe('FALLBACK');
    let reads = 0;
    const load = async () => {
      reads += 1;
      return { n: reads, text: 'v' };
    };
    expect(await cacheOn(a!).get('x', load)).toEqual({ n: 1, text: 'v' });
    await own.restart!();
    const deadline = Date.now() + 10_000;
    while (a!.mode !== 'SHARED' || b!.mode !== 'SHARED') {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 100));
    }
    await cacheOn(a!).get('y', load);
    await new Promise((r) => setTimeout(r, 100));
    await cacheOn(b!).get('y', load);
    expect(reads).toBe(2);
    await Promise.all([a!.close(), b!.close()]);
    await own.close();
  }, 30_000);

  it('spends only its share of a budget while Redis is away, and one budget again when it is back', async () => {
    const own = await ownRedis();
    const prefix = own.prefix();
    const [a] = await replicas(1, prefix, own.url);
    const shareOfThree = createSharedState(
      { url: own.url, prefix, replicas: 3, cacheMaxBytes: 1024, cacheMaxEntries: 4 },
      { logger: silentLogger, lockMs: 1000 },
    );
    await shareOfThree.ready(5000);
    const budget = shareOfThree.budget('userhero', 'acct', { limit: 90, windowMs: 60_000 });
    await own.kill!();
    await new Promise((r) => setTimeout(r, 300));
    expect(shareOfThree.mode).toBe('FALLBACK');
    const deadline = Date.now() + 500;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, () => budget.acquire(deadline)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(30);
    budget.close();
    // Back: two replicas spend one budget again.
    await own.restart!();
    const deadline2 = Date.now() + 10_000;
    while (a!.mode !== 'SHARED' || shareOfThree.mode !== 'SHARED') {
      expect(Date.now()).toBeLessThan(deadline2);
      await new Promise((r) => setTimeout(r, 100));
    }
    const one = a!.budget('userhero', 'acct-2', { limit: 10, windowMs: 60_000 });
    const two = shareOfThree.budget('userhero', 'acct-2', { limit: 10, windowMs: 60_000 });
    const soon = Date.now() + 500;
    const shared = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).acquire(soon)),
    );
    expect(shared.filter((o) => o.status === 'fulfilled')).toHaveLength(10);
    one.close();
    two.close();
    await Promise.all([a!.close(), shareOfThree.close()]);
    await own.close();
  }, 30_000);
});
