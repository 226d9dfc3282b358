// REDIS_URL set: what the replicas share through Redis. Budgets of vendors with a published limit
// are spent in Redis (SharedVendorBudget); a 429 closure of any other vendor and every circuit
// that opens or closes is told to the other replicas on one channel and kept in a key that
// expires with it (a replica that connects later learns it); writes bump the vendor account's
// cache generation and are told on another channel. After an open circuit's cool-down one
// replica sends the half-open probe for all (a lock, freed in the very step that tells its
// outcome); the others fail fast until the outcome comes. Every message names the vendor account
// (vendor and hash of the credentials, as the budget keys do) and a replica follows only its own
// account's: deployments with other keys over the same Redis and prefix never close, open or
// flush each other. While Redis is away each replica runs on its own (budgets at its share, its
// own probe) and says so; when it is back, it drops what it may have missed.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { CircuitBreaker, ProbeGate } from '../transport/breaker.js';
import { type BudgetOptions, type RateBudget, VendorBudget } from '../transport/budget.js';
import type { VendorName } from '../transport/types.js';
import { hearFill } from './fills.js';
import { RedisCacheTier, type TierOptions } from './redis-cache.js';
import { SharedVendorBudget } from './redis-budget.js';
import { RedisDocumentStore } from './redis-documents.js';
import { RedisLink } from './redis-link.js';
import type { Invalidation, SharedState, SharingReport } from './types.js';

export interface RedisStateOptions {
  url: string;
  /** Every key and channel starts with it: several gateways (or tests) can share one Redis. */
  prefix: string;
  /** How many replicas share a budget: each spends 1/replicas of it while Redis is away. */
  replicas: number;
  cache: Omit<TierOptions, 'fillChannel'>;
  /** How long a replica holds the half-open probe at most (a call's deadline): if it dies. */
  probeMs: number;
  /** How long an APQ document stays in Redis after its last use (REDIS_APQ_TTL_SECONDS). */
  documentTtlMs: number;
  logger: Logger;
}

type GuardMessage =
  | { kind: 'circuit'; state: 'OPEN' | 'CLOSED'; openedAt: number; failures: number }
  | { kind: 'closed'; until: number }
  | { kind: 'probe-free' };

/** A pipeline's call of the probe release script (ioredis defines it on pipelines too). */
type ReleasingPipeline = { probeRelease(lockKey: string, token: string): unknown };

interface Guarded {
  breaker: CircuitBreaker;
  budget: RateBudget;
}

/** A vendor without a published limit keeps its budget here; only its 429 closures are shared. */
class ClosureSharingBudget extends VendorBudget {
  constructor(
    options: BudgetOptions,
    private readonly tell: (until: number) => void,
  ) {
    super(options);
  }

  override rateLimited(retryAfterSeconds: number | undefined): void {
    super.rateLimited(retryAfterSeconds);
    this.tell(Date.now() + (retryAfterSeconds ?? 1) * 1000);
  }

  follow(until: number): void {
    const seconds = (until - Date.now()) / 1000;
    if (seconds > 0) super.rateLimited(seconds);
  }
}

export function redisState(options: RedisStateOptions): SharedState {
  const { prefix, logger } = options;
  const origin = randomUUID();
  const channels = {
    guards: `${prefix}guards`,
    invalidate: `${prefix}invalidate`,
    fill: `${prefix}fill`,
  };
  const link = new RedisLink(options.url, prefix, Object.values(channels), logger);
  const tiers = new Map<string, RedisCacheTier>();
  const guarded = new Map<string, Guarded>();
  const accounts = new Map<VendorName, string>();
  const listeners: ((invalidation: Invalidation | 'all') => void)[] = [];
  /** Writes made while Redis was away: their generations are bumped when it is back. */
  const missed = new Set<VendorName>();
  let everConnected = false;
  let documents: RedisDocumentStore | undefined;

  const accountOf = (vendor: VendorName) => accounts.get(vendor) ?? '-';
  const guardKey = (vendor: VendorName) => `${prefix}o:${vendor}:${accountOf(vendor)}`;
  const probeKey = (vendor: VendorName) => `${prefix}p:${vendor}:${accountOf(vendor)}`;
  /** What a message of this replica about `vendor` carries: who sent it, for which account. */
  const about = (vendor: VendorName) => ({ origin, vendor, account: accountOf(vendor) });
  /** Another replica's message about this replica's own account of its vendor. */
  const ours = (message: Record<string, unknown>) =>
    message.origin !== origin &&
    typeof message.vendor === 'string' &&
    message.account === accounts.get(message.vendor as VendorName);
  /** The probe locks this replica holds, by vendor: their tokens. */
  const probes = new Map<VendorName, string>();

  const probeGate = (vendor: VendorName): ProbeGate => ({
    async claim() {
      if (!link.connected) return 0;
      const token = randomUUID();
      const left = await link.run((redis) =>
        redis.probeClaim(probeKey(vendor), token, options.probeMs),
      );
      if (left >= 0) return left;
      probes.set(vendor, token);
      return 0;
    },
    release() {
      // Still held: no outcome was told (it would have freed it), so the others hear it is free.
      const token = probes.get(vendor);
      if (token === undefined) return;
      probes.delete(vendor);
      const body = JSON.stringify({ ...about(vendor), kind: 'probe-free' });
      link.send((redis) => {
        const pipeline = redis.multi();
        (pipeline as unknown as ReleasingPipeline).probeRelease(probeKey(vendor), token);
        pipeline.publish(channels.guards, body);
        return pipeline.exec();
      });
    },
  });

  const apply = (vendor: VendorName, message: GuardMessage) => {
    const target = guarded.get(vendor);
    if (!target) return;
    if (message.kind === 'circuit') {
      target.breaker.follow(message.state, message.openedAt, message.failures);
      logger.info('vendor circuit (another replica)', { vendor, state: message.state });
    } else if (message.kind === 'probe-free') {
      target.breaker.probeFreed();
    } else if (target.budget instanceof ClosureSharingBudget) {
      target.budget.follow(message.until);
    }
  };

  const tellGuard = (vendor: VendorName, message: GuardMessage, ttlMs: number) => {
    const body = JSON.stringify({ ...about(vendor), ...message });
    // A circuit change this replica's probe decided frees the probe in the same step: no replica
    // can take the next probe before it hears the outcome.
    const probe = message.kind === 'circuit' ? probes.get(vendor) : undefined;
    if (probe !== undefined) probes.delete(vendor);
    link.send((redis) => {
      const pipeline = redis.multi();
      if (ttlMs > 0) pipeline.set(guardKey(vendor), body, 'PX', Math.ceil(ttlMs));
      else pipeline.del(guardKey(vendor));
      pipeline.publish(channels.guards, body);
      if (probe !== undefined) {
        (pipeline as unknown as ReleasingPipeline).probeRelease(probeKey(vendor), probe);
      }
      return pipeline.exec();
    });
  };

  const bump = (vendors: Iterable<VendorName>) => {
    const names = [...tiers.values()]
      .filter((tier) => [...vendors].some((v) => tier.namespace.startsWith(`${v}:`)))
      .map((tier) => tier.generation);
    return names;
  };

  link.onMessage((channel, raw) => {
    if (channel === channels.fill) return; // bytes: heard by onBuffer below
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return;
    }
    if (!ours(message)) return;
    const vendor = message.vendor as VendorName;
    if (channel === channels.guards) apply(vendor, message as unknown as GuardMessage);
    if (channel === channels.invalidate) {
      const invalidation: Invalidation = { vendor };
      if (typeof message.projectsOf === 'string') invalidation.projectsOf = message.projectsOf;
      for (const listener of listeners) listener(invalidation);
    }
  });

  link.onBuffer(channels.fill, (raw) => hearFill(tiers, raw));

  link.onUp(() => {
    // Invalidations sent while this replica was cut off were lost: drop every local copy.
    if (everConnected) for (const listener of listeners) listener('all');
    everConnected = true;
    const generations = bump(missed);
    missed.clear();
    const keys = [...guarded.keys()].map((v) => guardKey(v as VendorName));
    link.send(async (redis) => {
      const pipeline = redis.multi();
      for (const generation of generations) pipeline.incr(generation);
      if (keys.length > 0) pipeline.mget(...keys);
      const results = (await pipeline.exec()) ?? [];
      const last = results[results.length - 1]?.[1];
      if (keys.length === 0 || !Array.isArray(last)) return;
      for (const raw of last as (string | null)[]) {
        if (!raw) continue;
        const message = JSON.parse(raw) as GuardMessage & { vendor: VendorName };
        if (ours(message)) apply(message.vendor, message);
      }
    });
  });

  const report = (): SharingReport => ({
    mode: link.connected ? 'SHARED' : 'FALLBACK',
    lastError: link.lastError,
    roundTrips: link.roundTrips,
  });

  return {
    get mode() {
      return report().mode;
    },
    report,
    budget(vendor, accountId, budgetOptions) {
      accounts.set(vendor, accountId);
      if (budgetOptions.limit === undefined) {
        return new ClosureSharingBudget(budgetOptions, (until) =>
          tellGuard(vendor, { kind: 'closed', until }, until - Date.now()),
        );
      }
      const share = Math.max(1, Math.floor(budgetOptions.limit / options.replicas));
      return new SharedVendorBudget(
        link,
        `${prefix}b:${vendor}:${accountId}`,
        { ...budgetOptions, limit: budgetOptions.limit },
        new VendorBudget({ ...budgetOptions, limit: share }),
      );
    },
    guard(vendor, accountId, breaker, budget) {
      accounts.set(vendor, accountId);
      guarded.set(vendor, { breaker, budget });
      breaker.shareProbes(probeGate(vendor));
    },
    circuitChanged(vendor, breaker) {
      const state = breaker.state;
      if (state === 'OPEN') {
        const cooldownMs = breaker.cooldownMs;
        tellGuard(
          vendor,
          { kind: 'circuit', state, openedAt: Date.now(), failures: breaker.consecutiveFailures },
          cooldownMs,
        );
      } else if (state === 'CLOSED') {
        tellGuard(vendor, { kind: 'circuit', state, openedAt: 0, failures: 0 }, 0);
      }
    },
    documents(max) {
      documents ??= new RedisDocumentStore(link, max, options.documentTtlMs);
      return documents;
    },
    tier(namespace) {
      let tier = tiers.get(namespace);
      if (!tier) {
        tier = new RedisCacheTier(link, namespace, {
          ...options.cache,
          fillChannel: channels.fill,
        });
        tiers.set(namespace, tier);
      }
      return tier;
    },
    async publish(invalidation) {
      if (!link.connected) {
        missed.add(invalidation.vendor);
        return;
      }
      const generations = bump([invalidation.vendor]);
      const body = JSON.stringify({ ...about(invalidation.vendor), ...invalidation });
      // Awaited: the write answers once the other replicas' next read is bound to see it.
      await link
        .run((redis) => {
          const pipeline = redis.multi();
          for (const generation of generations) pipeline.incr(generation);
          pipeline.publish(channels.invalidate, body);
          return pipeline.exec();
        })
        .catch(() => missed.add(invalidation.vendor));
    },
    onInvalidation(listener) {
      listeners.push(listener);
    },
    ready(timeoutMs) {
      if (link.connected) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        link.onUp(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    close: () => link.close(),
  };
}
