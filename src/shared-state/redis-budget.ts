// A vendor key's rate budget shared by every replica: the token bucket lives in Redis and is
// spent by one atomic script per call (BUDGET_SCRIPT). The vendor's X-RateLimit-* answers ride
// on the next call's script, unless one can cause a 429 before that call comes (corrections.ts
// says which are sent at once, which within FLUSH_MS, which only ride): one round trip per
// vendor call in the steady state. Calls that must wait queue here in order, as with the
// in-process budget, and one whose wait would pass its deadline is refused at once. While Redis
// is away, calls spend a local budget of this replica's share (`REPLICAS`), so the key is still
// never over-spent.
import {
  BudgetExhausted,
  type BudgetOptions,
  headerNumber,
  queueWaiter,
  type RateBudget,
  VendorBudget,
  type Waiter as QueuedCall,
} from '../transport/budget.js';
import type { VendorResponse } from '../transport/types.js';
import { type Correction, FLUSH_MS, merge, urgency } from './corrections.js';
import type { RedisLink } from './redis-link.js';

interface Waiter extends QueuedCall {
  deadlineAt: number;
  signal: AbortSignal | undefined;
}

type Verdict = { granted: boolean; waitMs: number; limited: boolean; tokens: number };

export class SharedVendorBudget implements RateBudget {
  private inFlight = 0;
  /** Calls of this replica admitted by the fallback, still on the wire. */
  private fallbackInFlight = 0;
  private readonly queue: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  /** The vendor's latest correction no script call carried yet. */
  private pending: Correction | undefined;
  /** When a correction that must not wait past FLUSH_MS became pending; 0: none does. */
  private dueSince = 0;
  private lastTokens: number;
  /** The bucket's window end at the last script call (epoch ms), -1 when none was open. */
  private lastResetAt = -1;
  private polling = false;
  /** When the queue's head asks Redis next, and whether a 429 is what it waits for. */
  private nextAt = 0;
  private nextLimited = false;
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly marginMs: number;
  private readonly defaultBlockMs: number;
  private readonly now: () => number;

  constructor(
    private readonly link: RedisLink,
    private readonly key: string,
    options: BudgetOptions & { limit: number },
    /** This replica's share, spent while Redis is away. */
    private readonly fallback: VendorBudget,
  ) {
    this.limit = options.limit;
    this.windowMs = options.windowMs ?? 60_000;
    this.marginMs = options.resetMarginMs ?? 250;
    this.defaultBlockMs = options.defaultBlockMs ?? 1000;
    this.now = options.now ?? Date.now;
    this.lastTokens = options.limit;
  }

  get remaining(): number | null {
    return this.link.connected ? this.lastTokens : this.fallback.remaining;
  }

  /** The shared count right now (one script call); this replica's share while Redis is away. */
  async current(): Promise<number | null> {
    if (!this.link.connected) return this.fallback.remaining;
    try {
      await this.link.run((redis) => this.script(redis, 'peek', 0));
      return this.lastTokens;
    } catch {
      return this.fallback.remaining;
    }
  }

  get queued(): number {
    return this.queue.length + this.fallback.queued;
  }

  async acquire(deadlineAt: number, signal?: AbortSignal): Promise<void> {
    if (!this.link.connected) return this.viaFallback(deadlineAt, signal);
    let delayMs = 0;
    if (this.queue.length === 0) {
      let verdict: Verdict;
      try {
        verdict = await this.take(0);
      } catch {
        return this.viaFallback(deadlineAt, signal);
      }
      if (verdict.granted) return;
      this.refuseIfLate(verdict, deadlineAt);
      this.nextAt = this.now() + verdict.waitMs;
      this.nextLimited = verdict.limited;
      delayMs = verdict.waitMs;
    } else {
      // Behind others of this replica: refused at once if its turn would come after its deadline.
      const waitMs =
        Math.max(0, this.nextAt - this.now()) +
        Math.floor(this.queue.length / this.limit) * (this.windowMs + this.marginMs);
      if (this.now() + waitMs > deadlineAt) {
        throw new BudgetExhausted(waitMs, this.nextLimited ? 'rate_limited' : 'budget');
      }
    }
    return queueWaiter(this.queue, signal, { deadlineAt, signal }, () => this.schedule(delayMs));
  }

  settle(headers?: VendorResponse['headers']): void {
    if (this.fallbackInFlight > 0) {
      this.fallbackInFlight -= 1;
      this.fallback.settle(headers);
      return;
    }
    this.inFlight = Math.max(0, this.inFlight - 1);
    // The fallback learns the vendor's count too: it starts from the truth if Redis goes away.
    this.fallback.observeOnly(headers);
    const remaining = headers && headerNumber(headers, 'x-ratelimit-remaining');
    if (remaining === undefined || !headers) return;
    const reset = headerNumber(headers, 'x-ratelimit-reset');
    const now = this.now();
    const correction: Correction = {
      // Our other calls on the wire may be counted already: assume not (as VendorBudget does).
      left: Math.max(0, remaining - this.inFlight),
      resetAt: reset === undefined ? -1 : reset * 1000 + this.marginMs,
    };
    // An answer from a window that is over says nothing about the current one.
    if (correction.resetAt >= 0 && correction.resetAt <= now) return;
    this.pending = merge(this.pending, correction);
    const bucket = { limit: this.limit, tokens: this.lastTokens, resetAt: this.lastResetAt };
    const when = urgency(this.pending, bucket, now);
    if (when === 'now') {
      this.link.send((redis) => this.script(redis, 'peek', 0));
      return;
    }
    if (when === 'soon' && this.dueSince === 0) {
      this.dueSince = now;
      this.flushLater(FLUSH_MS);
    }
  }

  /** Sends a `soon` correction on its own once FLUSH_MS passed without a call carrying it. */
  private flushLater(delayMs: number): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      if (this.dueSince === 0 || !this.pending) return;
      // A call carried the earlier one meanwhile; this one has its own FLUSH_MS.
      const waited = this.now() - this.dueSince;
      if (waited < FLUSH_MS) return this.flushLater(FLUSH_MS - waited);
      this.link.send((redis) => this.script(redis, 'peek', 0));
    }, delayMs);
    this.flushTimer.unref?.();
  }

  /**
   * A 429: the vendor refuses this key now, so every other replica's next call would meet one
   * too. Sent at once (with any pending correction), never left to ride a later call.
   */
  rateLimited(retryAfterSeconds: number | undefined): void {
    const until =
      this.now() +
      (retryAfterSeconds === undefined ? this.defaultBlockMs : retryAfterSeconds * 1000);
    this.fallback.rateLimited(retryAfterSeconds);
    this.link.send((redis) => this.script(redis, 'block', 0, until));
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.timer = this.flushTimer = undefined;
    for (const waiter of this.queue.splice(0)) {
      waiter.cleanup();
      waiter.reject(new BudgetExhausted(0, 'budget'));
    }
    this.fallback.close();
  }

  private async viaFallback(deadlineAt: number, signal?: AbortSignal): Promise<void> {
    await this.fallback.acquire(deadlineAt, signal);
    this.fallbackInFlight += 1;
  }

  private refuseIfLate(verdict: Verdict, deadlineAt: number): void {
    if (this.now() + verdict.waitMs > deadlineAt) {
      throw new BudgetExhausted(verdict.waitMs, verdict.limited ? 'rate_limited' : 'budget');
    }
  }

  private async take(position: number): Promise<Verdict> {
    const verdict = await this.link.run((redis) => this.script(redis, 'take', position));
    if (verdict.granted) this.inFlight += 1;
    return verdict;
  }

  /** One script call; carries (and clears) the latest observation of the vendor's headers. */
  private async script(
    redis: Parameters<Parameters<RedisLink['run']>[0]>[0],
    op: 'take' | 'peek' | 'block',
    position: number,
    blockUntil = -1,
  ): Promise<Verdict> {
    const seen = this.pending;
    this.pending = undefined;
    this.dueSince = 0;
    const [granted, waitMs, limited, tokens, resetAt] = await redis.budget(
      this.key,
      op,
      this.now(),
      this.limit,
      this.windowMs,
      this.marginMs,
      this.inFlight,
      seen?.left ?? -1,
      seen?.resetAt ?? -1,
      0,
      position,
      blockUntil,
    );
    this.lastTokens = Math.max(0, Math.floor(Number(tokens)));
    this.lastResetAt = Number(resetAt);
    return { granted: granted === 1, waitMs: Number(waitMs), limited: limited === 1, tokens };
  }

  /** Hands the budget to queued callers in order: the head asks Redis, at the time it names. */
  private schedule(delayMs: number): void {
    if (this.timer || this.polling) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.poll();
    }, delayMs);
    this.timer.unref?.();
  }

  private async poll(): Promise<void> {
    this.polling = true;
    let nextMs = -1;
    try {
      while (this.queue.length > 0) {
        const head = this.queue[0]!;
        if (!this.link.connected) throw new Error('Redis unavailable');
        const verdict = await this.take(0);
        if (this.queue[0] !== head) {
          // The head gave up while its token was being taken: the next one gets it.
          if (verdict.granted) this.handOver();
          continue;
        }
        if (verdict.granted) {
          this.queue.shift();
          head.cleanup();
          head.resolve();
          continue;
        }
        // Queued callers whose wait now passes their deadline are refused, as they would be on
        // arrival (the one at position i waits i / limit windows more than the head); the rest
        // wait for the time Redis named.
        const now = this.now();
        const waiting = [...this.queue];
        waiting.forEach((waiter, position) => {
          const waitMs =
            verdict.waitMs + Math.floor(position / this.limit) * (this.windowMs + this.marginMs);
          if (now + waitMs <= waiter.deadlineAt) return;
          this.queue.splice(this.queue.indexOf(waiter), 1);
          waiter.cleanup();
          waiter.reject(new BudgetExhausted(waitMs, verdict.limited ? 'rate_limited' : 'budget'));
        });
        nextMs = verdict.waitMs;
        this.nextAt = now + verdict.waitMs;
        this.nextLimited = verdict.limited;
        break;
      }
    } catch {
      // Redis went away with callers queued: they wait in this replica's share instead.
      for (const waiter of this.queue.splice(0)) {
        waiter.cleanup();
        this.viaFallback(waiter.deadlineAt, waiter.signal).then(waiter.resolve, waiter.reject);
      }
    } finally {
      this.polling = false;
    }
    if (this.queue.length > 0) this.schedule(Math.max(1, nextMs));
  }

  /** A token taken for a caller that left: the next caller in line gets it. */
  private handOver(): void {
    const next = this.queue.shift();
    if (!next) {
      this.inFlight = Math.max(0, this.inFlight - 1);
      return;
    }
    next.cleanup();
    next.resolve();
  }
}
