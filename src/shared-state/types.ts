// What gateway replicas share, behind one interface: the in-process implementation (no
// REDIS_URL: one replica, nothing shared, nothing added to the hot path) or Redis. The core asks
// for budgets, guards, cache tiers and invalidations and does not know which one runs.
import type { BudgetOptions, RateBudget } from '../transport/budget.js';
import type { CircuitBreaker } from '../transport/breaker.js';
import type { VendorName } from '../transport/types.js';

/**
 * `LOCAL`: no REDIS_URL, this process is the only replica. `SHARED`: budgets, closures, circuits,
 * caches and invalidations go through Redis. `FALLBACK`: REDIS_URL is set but Redis does not
 * answer: each replica spends its share of a budget (`REPLICAS`) until Redis is back.
 */
export type SharingMode = 'LOCAL' | 'SHARED' | 'FALLBACK';

/** A write changed what a vendor account holds: every replica drops its copies. */
export interface Invalidation {
  vendor: VendorName;
  /** UserHero: the workspace whose project list changed. */
  projectsOf?: string;
}

/** How a cache's values cross the wire: plain JSON data in, the cache's own shape out. */
export interface Codec<V> {
  encode(value: V): unknown;
  decode(data: unknown): V;
}

export interface TierPolicy {
  /** Served as is within this age. */
  freshMs: number;
  /** Past `freshMs` and within this age, served while one replica refreshes it. */
  maxAgeMs: number;
}

/** A value with the time its vendor read finished (epoch ms), as every replica sees it. */
export interface Loaded<V> {
  value: V;
  loadedAt: number;
  /**
   * A stale copy served while this replica reads the vendor for everyone: that read's copy, so
   * the caller keeps it without asking the tier again.
   */
  refreshed?: Promise<Loaded<V>>;
}

/**
 * A cache shared by the replicas, beneath each one's in-process cache. `read` answers the shared
 * copy, or runs `load` in exactly one replica while the others wait for its result (or serve the
 * stale copy); it never fails because the tier does (then `load` runs here).
 */
export interface CacheTier {
  read<V>(
    key: string,
    load: (background: boolean) => Promise<V>,
    policy: TierPolicy,
    codec?: Codec<V>,
    /**
     * The caller serves its own stale copy until this answers: a copy past `freshMs` is no use
     * to it, so the tier answers a fresh one (reading the vendor if it is this replica's turn,
     * else waiting for the replica that reads it) rather than the stale one it stores.
     */
    refresh?: boolean,
  ): Promise<Loaded<V>>;
  /**
   * The shared copy of `key` if one is stored within `policy.freshMs`, or, when a replica is
   * reading it now, its result once stored; undefined otherwise (and when the tier fails). Never
   * reads the vendor, never keeps others waiting: for a copy worth having only if it exists.
   */
  peek<V>(key: string, policy: TierPolicy, codec?: Codec<V>): Promise<Loaded<V> | undefined>;
}

/**
 * Documents registered through automatic persisted queries, shared by the replicas beneath each
 * one's own store: a client that registered a hash on one replica may send it alone to another.
 */
export interface DocumentStore {
  /** The document registered under `hash`; undefined when none is (or the store cannot answer). */
  get(hash: string): Promise<string | undefined>;
  /** Registers a document for the other replicas (a failure only means one asks again). */
  set(hash: string, document: string): void;
}

export interface SharingReport {
  mode: SharingMode;
  /** Why the replica runs on its local fallback; null when sharing (or alone). */
  lastError: string | null;
  /** Commands (or pipelines) sent to Redis since start. */
  roundTrips: number;
}

export interface SharedState {
  readonly mode: SharingMode;
  report(): SharingReport;
  /** A vendor key's rate budget; `accountId` is a hash of the key, never the key. */
  budget(vendor: VendorName, accountId: string, options: BudgetOptions): RateBudget;
  /**
   * Lets one replica's open circuit and 429 closure protect the others with the same vendor
   * account (`accountId`), never another account of the vendor (a budget made by `budget` tells
   * its closures itself).
   */
  guard(vendor: VendorName, accountId: string, breaker: CircuitBreaker, budget: RateBudget): void;
  /** Tells the other replicas of this one's circuit changes (the breaker's onChange). */
  circuitChanged(vendor: VendorName, breaker: CircuitBreaker): void;
  /** The shared APQ documents, at most `max`; undefined when alone (no store at all). */
  documents(max: number): DocumentStore | undefined;
  /** The shared tier of a vendor account's caches; undefined when alone (no tier at all). */
  tier(namespace: string): CacheTier | undefined;
  /**
   * A write: the shared copies are dropped and the other replicas told; resolves once Redis has
   * passed it on (at once when alone or Redis is away), so a write answers after it.
   */
  publish(invalidation: Invalidation): Promise<void>;
  /**
   * Called for every other replica's invalidation of one of this replica's vendor accounts (and
   * after Redis comes back: everything).
   */
  onInvalidation(listener: (invalidation: Invalidation | 'all') => void): void;
  /** Resolves once sharing is set up, or after `timeoutMs` (then the replica starts on fallback). */
  ready(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}
