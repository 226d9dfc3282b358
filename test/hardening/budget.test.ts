import { describe, expect, it } from 'vitest';
import { BudgetExhausted, VendorBudget } from '../../src/transport/budget.js';
import { CircuitBreaker } from '../../src/transport/breaker.js';

// The rate budget and the circuit breaker on their own, with windows of milliseconds.

const far = () => Date.now() + 10_000;
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('vendor budget', () => {
  it('admits the window limit at once and queues the rest, in order, until the window resets', async () => {
    const budget = new VendorBudget({ limit: 3, windowMs: 250, resetMarginMs: 0 });
    const started = Date.now();
    const admitted: [number, number][] = [];
    await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        budget.acquire(far()).then(() => {
          admitted.push([i, Date.now() - started]);
          budget.settle();
        }),
      ),
    );
    expect(admitted.map(([i]) => i)).toEqual([0, 1, 2, 3, 4]);
    expect(admitted).toHaveLength(5);
    expect(admitted.slice(0, 3).filter(([, at]) => !(at < 100))).toEqual([]);
    expect(admitted.slice(3).filter(([, at]) => !(at >= 240))).toEqual([]);
    expect(budget.remaining).toBe(1);
  });

  it('refuses at once a call whose wait would pass its deadline, saying how long', async () => {
    const budget = new VendorBudget({ limit: 2, windowMs: 1000, resetMarginMs: 0 });
    await budget.acquire(far());
    await budget.acquire(far());
    const started = Date.now();
    const refusal = await budget.acquire(Date.now() + 200).catch((error: unknown) => error);
    expect(Date.now() - started).toBeLessThan(20);
    expect(refusal).toBeInstanceOf(BudgetExhausted);
    expect((refusal as BudgetExhausted).waitMs).toBeGreaterThan(900);
    // Behind a queue of one more window's worth, the wait is a window longer.
    const queued = [budget.acquire(far()), budget.acquire(far())];
    const third = await budget.acquire(Date.now() + 1500).catch((error: unknown) => error);
    expect((third as BudgetExhausted).waitMs).toBeGreaterThan(1900);
    budget.close();
    await Promise.allSettled(queued);
  });

  it("trusts the vendor's X-RateLimit-Remaining and X-RateLimit-Reset over its own count", async () => {
    const budget = new VendorBudget({ limit: 100, windowMs: 60_000, resetMarginMs: 0 });
    await budget.acquire(far());
    // Another client of the key spent most of the window.
    const reset = Math.ceil((Date.now() + 300) / 1000);
    budget.settle({ 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': String(reset) });
    expect(budget.remaining).toBe(1);
    await budget.acquire(far());
    const waiting = budget.acquire(far());
    const started = Date.now();
    await waiting;
    expect(Date.now()).toBeGreaterThanOrEqual(reset * 1000);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('closes after a 429 until its Retry-After, for every caller', async () => {
    const budget = new VendorBudget({});
    expect(budget.remaining).toBeNull();
    await budget.acquire(far());
    budget.settle({});
    budget.rateLimited(0.2);
    const refusal = await budget.acquire(Date.now() + 50).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ reason: 'rate_limited' });
    const started = Date.now();
    await budget.acquire(far());
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('lets a caller that goes away leave the queue', async () => {
    const budget = new VendorBudget({ limit: 1, windowMs: 5000, resetMarginMs: 0 });
    await budget.acquire(far());
    const client = new AbortController();
    const waiting = budget.acquire(far(), client.signal).catch((error: unknown) => error);
    expect(budget.queued).toBe(1);
    client.abort(new Error('gone'));
    expect(await waiting).toMatchObject({ message: 'gone' });
    expect(budget.queued).toBe(0);
    budget.close();
  });
});

describe('circuit breaker', () => {
  it('opens after the threshold, admits one probe after the cooldown, and closes on success', async () => {
    const states: string[] = [];
    const breaker = new CircuitBreaker({
      failureThreshold: 2,
      cooldownMs: 50,
      onChange: (state) => states.push(state),
    });
    breaker.failure(false);
    expect(breaker.state).toBe('CLOSED');
    breaker.success(false);
    breaker.failure(false);
    breaker.failure(false);
    expect(breaker.state).toBe('OPEN');
    expect(breaker.admit()).toMatchObject({ admitted: false, consecutiveFailures: 2 });
    await later(60);
    expect(breaker.state).toBe('HALF_OPEN');
    const probe = breaker.admit();
    expect(probe).toEqual({ admitted: true, probe: true });
    // While the probe is out, the others still fail fast.
    expect(breaker.admit()).toMatchObject({ admitted: false });
    breaker.success(true);
    expect(breaker.state).toBe('CLOSED');
    expect(states).toEqual(['OPEN', 'HALF_OPEN', 'CLOSED']);
  });

  it('re-opens when the probe fails, and frees the probe slot when it is abandoned', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 30 });
    breaker.failure(false);
    await later(40);
    expect(breaker.admit()).toEqual({ admitted: true, probe: true });
    breaker.abandoned(true);
    expect(breaker.admit()).toEqual({ admitted: true, probe: true });
    breaker.failure(true);
    expect(breaker.state).toBe('OPEN');
  });
});
