// The shared budget's Lua script under concurrent callers, against a real Redis: replicas (each
// its own connection) spending one key's budget at once never spend more than it holds.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SharedState } from '../../src/shared-state/index.js';
import { BudgetExhausted } from '../../src/transport/budget.js';
import { type TestRedis, testRedis } from '../support/redis.js';
import { sharedReplicas } from '../support/shared-replicas.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await testRedis();
});
afterAll(async () => {
  await redis.close();
});

const replicas = (count: number, prefix: string): Promise<SharedState[]> =>
  sharedReplicas({ url: redis.url, prefix, count, lockMs: 2000 });

describe('shared vendor budget (Redis script)', () => {
  it('grants exactly the limit to 1,000 concurrent acquisitions from four replicas, refusing the rest at once', async () => {
    const states = await replicas(4, redis.prefix());
    const budgets = states.map((s) =>
      s.budget('userhero', 'account-a', { limit: 100, windowMs: 60_000 }),
    );
    // Nothing frees up before the window ends (a minute): every call past the 100th must be
    // refused at once, since its wait passes its deadline.
    const deadline = Date.now() + 2_000;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 1000 }, (_, i) => budgets[i % 4]!.acquire(deadline)),
    );
    const granted = outcomes.filter((o) => o.status === 'fulfilled').length;
    const refused = outcomes.filter(
      (o) => o.status === 'rejected' && o.reason instanceof BudgetExhausted,
    );
    expect(granted).toBe(100);
    expect(refused).toHaveLength(900);
    // Each replica sees the shared count, not its own.
    for (const budget of budgets) expect(budget.remaining).toBe(0);
    for (const b of budgets) b.close();
    await Promise.all(states.map((s) => s.close()));
  });

  it('for any limit, replica count and burst, grants min(limit, burst), never more', async () => {
    const states = await replicas(5, redis.prefix());
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 150 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 300 }),
        async (limit, count, burst) => {
          const account = `prop-${run++}`;
          const budgets = states
            .slice(0, count)
            .map((s) => s.budget('userhero', account, { limit, windowMs: 60_000 }));
          const deadline = Date.now() + 1000;
          const outcomes = await Promise.allSettled(
            Array.from({ length: burst }, (_, i) => budgets[i % count]!.acquire(deadline)),
          );
          for (const b of budgets) b.close();
          const granted = outcomes.filter((o) => o.status === 'fulfilled').length;
          expect(granted).toBe(Math.min(limit, burst));
        },
      ),
      { numRuns: 25 },
    );
    await Promise.all(states.map((s) => s.close()));
  }, 60_000);

  it('keeps another key (another account) apart', async () => {
    const prefix = redis.prefix();
    const [a, b] = await replicas(2, prefix);
    const one = a!.budget('userhero', 'account-a', { limit: 3, windowMs: 60_000 });
    const other = b!.budget('userhero', 'account-b', { limit: 3, windowMs: 60_000 });
    const deadline = Date.now() + 1000;
    const spend = (budget: typeof one, n: number) =>
      Promise.allSettled(Array.from({ length: n }, () => budget.acquire(deadline)));
    const [first, second] = await Promise.all([spend(one, 5), spend(other, 5)]);
    expect(first.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect(second.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    one.close();
    other.close();
    await Promise.all([a!.close(), b!.close()]);
  });

  it("lowers every replica's budget to the vendor's X-RateLimit-Remaining, and a 429 closes it for all", async () => {
    const [a, b] = await replicas(2, redis.prefix());
    const first = a!.budget('userhero', 'acct', { limit: 100, windowMs: 60_000 });
    const second = b!.budget('userhero', 'acct', { limit: 100, windowMs: 60_000 });
    await first.acquire(Date.now() + 1000);
    // The vendor counts calls we did not make (another client of the key): 2 left.
    const resetSeconds = Math.ceil((Date.now() + 60_000) / 1000);
    first.settle({ 'x-ratelimit-remaining': '2', 'x-ratelimit-reset': String(resetSeconds) });
    // The observation rides on the next script call (or is flushed on its own shortly after).
    await new Promise((r) => setTimeout(r, 100));
    const deadline = Date.now() + 1000;
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => second.acquire(deadline)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);

    const c = a!.budget('planhat-like' as never, 'acct2', { limit: 50, windowMs: 60_000 });
    const d = b!.budget('planhat-like' as never, 'acct2', { limit: 50, windowMs: 60_000 });
    await c.acquire(Date.now() + 1000);
    c.settle();
    c.rateLimited(30);
    await new Promise((r) => setTimeout(r, 100));
    const refusal = await d.acquire(Date.now() + 1000).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(BudgetExhausted);
    expect((refusal as BudgetExhausted).reason).toBe('rate_limited');
    expect((refusal as BudgetExhausted).waitMs).toBeGreaterThan(28_000);
    for (const x of [first, second, c, d]) x.close();
    await Promise.all([a!.close(), b!.close()]);
  });

  it('queues a call that fits its deadline and grants it when the window resets', async () => {
    const [a, b] = await replicas(2, redis.prefix());
    const one = a!.budget('userhero', 'acct', { limit: 2, windowMs: 400, resetMarginMs: 0 });
    const two = b!.budget('userhero', 'acct', { limit: 2, windowMs: 400, resetMarginMs: 0 });
    const started = Date.now();
    await Promise.all([one.acquire(started + 5000), two.acquire(started + 5000)]);
    const queued = two.acquire(started + 5000);
    // Behind a queued call, one whose deadline comes before the reset is refused at once.
    const refused = await two.acquire(Date.now() + 100).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BudgetExhausted);
    expect(Date.now() - started).toBeLessThan(300);
    await queued;
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(300);
    for (const x of [one, two]) x.close();
    await Promise.all([a!.close(), b!.close()]);
  });
});
