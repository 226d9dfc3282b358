// What the shared budget costs in Redis round trips, counted by Redis itself (INFO commandstats
// of a redis-server of our own, so no other test's commands are counted): one script call per
// vendor call in the steady state, the vendor's X-RateLimit-* corrections riding along, and the
// corrections that can cause a 429 sent at once.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisRoundTrips } from '../../src/bench/redis-round-trips.js';
import type { SharedState } from '../../src/shared-state/index.js';
import type { RateBudget } from '../../src/transport/budget.js';
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
  sharedReplicas({ url: redis.url, prefix: redis.prefix(), count, lockMs: 2000 });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A vendor with UserHero's fixed window: it counts every call it receives and answers with its
 * X-RateLimit-Remaining / X-RateLimit-Reset (epoch seconds, rounded up), as the docs say.
 */
function vendor(limit: number) {
  let received = 0;
  const resetSeconds = Math.ceil((Date.now() + 60_000) / 1000);
  return {
    get received() {
      return received;
    },
    /** One call through `budget`: admitted, on the wire for `ms`, answered with the headers. */
    async call(budget: RateBudget, ms: number, extra = 0): Promise<void> {
      await budget.acquire(Date.now() + 5000);
      await sleep(ms / 2);
      received += 1;
      // Calls the key spends elsewhere (another client): the vendor counts them, we do not.
      received += extra;
      const remaining = Math.max(0, limit - received);
      await sleep(ms / 2);
      budget.settle({
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-reset': String(resetSeconds),
      });
    },
  };
}

describe('shared vendor budget: Redis round trips', () => {
  it('a run of 400 calls through two replicas, each answered with X-RateLimit headers, costs one round trip per call', async () => {
    const states = await replicas(2);
    const limit = 100_000;
    const budgets = states.map((s) => s.budget('userhero', 'rt-steady', { limit }));
    const fake = vendor(limit);
    // Scripts loaded and the window opened, outside the count.
    for (const budget of budgets) await fake.call(budget, 0);
    await sleep(100);
    const before = await roundTrips();
    const calls = 400;
    let next = 0;
    // Two callers per replica, each call 4 ms on the wire and 2 ms more before the caller's next
    // (the gateway answers, the client sends its next request): over half a second of steady
    // traffic, calls of the same replica in flight while others answer.
    await Promise.all(
      [0, 0, 1, 1].map(async (replica) => {
        while (next < calls) {
          next += 1;
          await fake.call(budgets[replica]!, 4);
          await sleep(2);
        }
      }),
    );
    // A correction still waiting once the traffic stops goes out on its own: at most one each.
    await sleep(150);
    const used = (await roundTrips()) - before;
    expect(used).toBeGreaterThanOrEqual(calls);
    expect(used).toBeLessThanOrEqual(calls + budgets.length);
    // And the shared count is the vendor's: nothing spent twice, nothing lost.
    expect(await budgets[1]!.current!()).toBe(limit - fake.received);
    for (const b of budgets) b.close();
    await Promise.all(states.map((s) => s.close()));
  });

  it('a correction that says nothing new never costs a round trip of its own', async () => {
    const [state] = await replicas(1);
    const limit = 1000;
    const budget = state!.budget('userhero', 'rt-redundant', { limit });
    const fake = vendor(limit);
    await fake.call(budget, 0);
    await sleep(100);
    const before = await roundTrips();
    // One call at a time, nothing in flight: the vendor's count is exactly the shared one.
    for (let i = 0; i < 5; i++) {
      await fake.call(budget, 0);
      await sleep(60);
    }
    expect((await roundTrips()) - before).toBe(5);
    budget.close();
    await state!.close();
  });

  it('the vendor counting calls we did not make reaches the other replicas at once, without a call of ours to carry it', async () => {
    const [a, b] = await replicas(2);
    const limit = 100;
    const one = a!.budget('userhero', 'rt-urgent', { limit });
    const two = b!.budget('userhero', 'rt-urgent', { limit });
    const fake = vendor(limit);
    await fake.call(one, 0);
    await sleep(100);
    // Another client of the key spent 96 calls: the vendor says 3 left, the shared count 99.
    const trips = a!.report().roundTrips;
    const settled = fake.call(one, 0, 96);
    await settled;
    // Sent in the settle itself (a round trip of its own), not after a delay.
    expect(a!.report().roundTrips).toBe(trips + 2);
    const bucket = `${(one as unknown as { key: string }).key}`;
    const deadline = Date.now() + 1000;
    while (Number(await stats.hget(bucket, 't')) > 2) {
      expect(Date.now()).toBeLessThan(deadline);
      await sleep(2);
    }
    const outcomes = await Promise.allSettled(
      [1, 2, 3, 4, 5].map(() => two.acquire(Date.now() + 1000)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
    for (const x of [one, two]) x.close();
    await Promise.all([a!.close(), b!.close()]);
  });
});
