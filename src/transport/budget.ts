import type { VendorResponse } from './types.js';

export interface BudgetOptions {
  /** Requests the vendor allows per window and key; undefined when it publishes no limit. */
  limit?: number;
  windowMs?: number;
  /**
   * Added to the vendor's reset time before spending the new window: its clock and ours differ,
   * and `X-RateLimit-Reset` is rounded to whole seconds.
   */
  resetMarginMs?: number;
  /** Block after a 429 that says nothing about when to come back. */
  defaultBlockMs?: number;
  now?: () => number;
}

/** Why a call cannot be sent within the time it has. */
export class BudgetExhausted extends Error {
  override name = 'BudgetExhausted';
  constructor(
    /** Milliseconds until the budget would admit the call. */
    readonly waitMs: number,
    readonly reason: 'budget' | 'rate_limited',
  ) {
    super(`vendor budget exhausted for ${waitMs} ms`);
  }
}

/**
 * What the transport needs of a rate budget: the in-process `VendorBudget` below, or one shared
 * by several gateway replicas (src/shared-state/), which the transport cannot tell apart.
 */
export interface RateBudget {
  readonly remaining: number | null;
  readonly queued: number;
  acquire(deadlineAt: number, signal?: AbortSignal): Promise<void>;
  settle(headers?: VendorResponse['headers']): void;
  rateLimited(retryAfterSeconds: number | undefined): void;
  close(): void;
  /** `remaining` as the budget's owner counts it now (a shared one asks Redis). */
  current?(): Promise<number | null>;
}

/** A call queued for a budget: released by `resolve`, refused by `reject`, then `cleanup`. */
export interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
  cleanup: () => void;
}

/**
 * Queues a waiter (with `extra`, what its budget keeps of it) that leaves the queue, rejected with
 * the signal's reason, if `signal` aborts while it waits; `queued` runs once it is in the queue.
 */
export function queueWaiter<W extends Waiter>(
  queue: W[],
  signal: AbortSignal | undefined,
  extra: Omit<W, keyof Waiter>,
  queued: () => void,
): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      const at = queue.indexOf(waiter);
      if (at >= 0) queue.splice(at, 1);
      reject(signal?.reason);
    };
    const waiter = {
      ...extra,
      resolve,
      reject,
      cleanup: () => signal?.removeEventListener('abort', onAbort),
    } as W;
    signal?.addEventListener('abort', onAbort, { once: true });
    queue.push(waiter);
    queued();
  });
}

/**
 * One vendor key's request budget: a token bucket refilled per window, corrected by the vendor's
 * own `X-RateLimit-Remaining` / `X-RateLimit-Reset`, and closed until the time a 429 names. Calls
 * that cannot be sent yet queue in order; a call whose wait would pass its deadline is refused at
 * once, so nothing is sent that the vendor would answer with 429.
 */
export class VendorBudget implements RateBudget {
  private tokens: number;
  /** End of the current window (epoch ms); undefined until the first call opens one. */
  private resetAt: number | undefined;
  /** Nothing may be sent before this time (a 429's Retry-After). */
  private blockedUntil = 0;
  private inFlight = 0;
  private readonly queue: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly limit: number | undefined;
  private readonly windowMs: number;
  private readonly marginMs: number;
  private readonly defaultBlockMs: number;

  constructor(options: BudgetOptions = {}) {
    this.now = options.now ?? Date.now;
    this.limit = options.limit;
    this.windowMs = options.windowMs ?? 60_000;
    this.marginMs = options.resetMarginMs ?? 250;
    this.defaultBlockMs = options.defaultBlockMs ?? 1000;
    this.tokens = this.limit ?? Number.POSITIVE_INFINITY;
  }

  /** Calls the current window still allows by our count; null when the vendor sets no limit. */
  get remaining(): number | null {
    this.refill(this.now());
    return Number.isFinite(this.tokens) ? Math.max(0, this.tokens) : null;
  }

  get queued(): number {
    return this.queue.length;
  }

  /**
   * Resolves when a call may be sent (the caller must then call `settle` once). Rejects with
   * `BudgetExhausted` at once when the wait would pass `deadlineAt`, and with the signal's reason
   * when it aborts while queued.
   */
  acquire(deadlineAt: number, signal?: AbortSignal): Promise<void> {
    const now = this.now();
    this.refill(now);
    if (this.queue.length === 0 && now >= this.blockedUntil && this.tokens >= 1) {
      this.take(now);
      return Promise.resolve();
    }
    const wait = this.estimateWait(now, this.queue.length);
    if (now + wait > deadlineAt) {
      return Promise.reject(
        new BudgetExhausted(wait, now < this.blockedUntil ? 'rate_limited' : 'budget'),
      );
    }
    return queueWaiter(this.queue, signal, {}, () => this.schedule());
  }

  /** A call admitted by `acquire` is over; `headers` are its response's, when it got one. */
  settle(headers?: VendorResponse['headers']): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (headers) this.observe(headers);
  }

  /** Learns the vendor's own count from an answer admitted elsewhere (a shared budget's). */
  observeOnly(headers?: VendorResponse['headers']): void {
    if (headers) this.observe(headers);
  }

  /** The vendor answered 429: nothing more is sent before `retryAfterSeconds` (or a short pause). */
  rateLimited(retryAfterSeconds: number | undefined): void {
    const now = this.now();
    const until =
      now + (retryAfterSeconds === undefined ? this.defaultBlockMs : retryAfterSeconds * 1000);
    this.blockedUntil = Math.max(this.blockedUntil, until);
    if (this.limit !== undefined) {
      this.tokens = 0;
      this.resetAt = Math.max(this.resetAt ?? 0, this.blockedUntil);
    }
    this.schedule();
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const waiter of this.queue.splice(0)) {
      waiter.cleanup();
      waiter.reject(new BudgetExhausted(0, 'budget'));
    }
  }

  /** `X-RateLimit-Remaining` counts calls of ours still in flight, unless already counted. */
  private observe(headers: VendorResponse['headers']): void {
    const remaining = headerNumber(headers, 'x-ratelimit-remaining');
    if (remaining === undefined) return;
    const now = this.now();
    const reset = headerNumber(headers, 'x-ratelimit-reset');
    const resetAt = reset === undefined ? undefined : reset * 1000 + this.marginMs;
    // An answer from a window that is over says nothing about the current one.
    if (resetAt !== undefined && resetAt <= now) return;
    // Others in flight may or may not be counted yet: assume not, which can only wait too long.
    const left = Math.max(0, remaining - this.inFlight);
    if (resetAt !== undefined) this.resetAt = resetAt;
    else this.resetAt ??= now + this.windowMs;
    this.tokens = Math.min(Number.isFinite(this.tokens) ? this.tokens : left, left);
    this.schedule();
  }

  private take(now: number): void {
    if (this.limit !== undefined || Number.isFinite(this.tokens)) {
      // The vendor's window opens with the first call it counts.
      this.resetAt ??= now + this.windowMs + this.marginMs;
      this.tokens -= 1;
    }
    this.inFlight += 1;
  }

  private refill(now: number): void {
    if (this.resetAt === undefined || now < this.resetAt) return;
    // A new window; calls of ours still in flight may land in it.
    this.resetAt = undefined;
    if (this.limit === undefined) {
      this.tokens = Number.POSITIVE_INFINITY;
      return;
    }
    this.tokens = Math.max(0, this.limit - this.inFlight);
    // Our calls in flight opened the new window already; its end is not known before they answer.
    if (this.tokens === 0) this.resetAt = now + this.windowMs + this.marginMs;
  }

  /** How long the caller at queue `position` waits: whole windows until its token comes. */
  private estimateWait(now: number, position: number): number {
    const blocked = Math.max(0, this.blockedUntil - now);
    if (this.tokens > position && blocked === 0) return 0;
    const untilReset = Math.max(blocked, (this.resetAt ?? now) - now);
    if (this.limit === undefined) return untilReset;
    const beyond = position - Math.max(0, Math.floor(this.tokens));
    const windows = Math.max(0, Math.floor(Math.max(0, beyond) / this.limit));
    return untilReset + windows * (this.windowMs + this.marginMs);
  }

  /** Hands tokens to queued callers in order, now and at every reset, until the queue is empty. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.now();
    this.refill(now);
    while (this.queue.length > 0 && now >= this.blockedUntil && this.tokens >= 1) {
      const waiter = this.queue.shift()!;
      waiter.cleanup();
      this.take(now);
      waiter.resolve();
    }
    if (this.queue.length === 0) return;
    const next =
      now < this.blockedUntil || this.resetAt === undefined
        ? Math.max(this.blockedUntil, this.resetAt ?? 0)
        : this.resetAt;
    this.timer = setTimeout(() => this.schedule(), Math.max(1, next - now));
    this.timer.unref?.();
  }
}

export function headerNumber(headers: VendorResponse['headers'], name: string): number | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const raw = key === undefined ? undefined : headers[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
