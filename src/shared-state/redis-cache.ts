// A vendor account's caches shared by the replicas: one replica reads the vendor (it holds the
// entry's lock, announced), the others wait for its store (small copies come with it) or serve the
// stale copy meanwhile. Entries live under the namespace's generation, which a write bumps, at most
// `maxEntries` a namespace; a value over `maxBytes` packed stays in its replica only.
import { randomUUID } from 'node:crypto';
import { pack, unpack } from './codec.js';
import {
  ANNOUNCED_COPY_MAX_BYTES,
  FOLLOWER_DELAY_MS,
  type Fill,
  fillHeader,
  POLL_MS,
  REFRESH_SPREAD_MS,
} from './fills.js';
import type { RedisLink } from './redis-link.js';
import type { CacheTier, Codec, Loaded, TierPolicy } from './types.js';

export interface TierOptions {
  maxEntries: number;
  maxBytes: number;
  /** How long a reading replica holds the lock (its read's deadline). */
  lockMs: number;
  /** Channel the fills are announced on. */
  fillChannel: string;
}

const identity: Codec<never> = { encode: (v) => v, decode: (d) => d as never };

export class RedisCacheTier implements CacheTier {
  private readonly waiters = new Map<string, Set<(fill: Fill | undefined) => void>>();
  /** Keys another replica (or this one) announced it reads the vendor for: until when. */
  private readonly claims = new Map<string, { generation: string; until: number }>();
  /** Keys whose current copy this replica read from the vendor: when it loaded it. */
  private readonly filledHere = new Map<string, number>();
  /** The newest generation this replica saw: an announced copy under an older one is not used. */
  private latest = 0;
  private readonly generationKey: string;
  private readonly indexKey: string;
  private readonly entryPrefix: string;

  constructor(
    private readonly link: RedisLink,
    readonly namespace: string,
    private readonly options: TierOptions,
  ) {
    this.generationKey = `${link.prefix}g:${namespace}`;
    this.indexKey = `${link.prefix}i:${namespace}`;
    this.entryPrefix = `${link.prefix}c:${namespace}:`;
  }

  get generation(): string {
    return this.generationKey;
  }

  /** An announcement on the fill channel: a claim is noted; a store or a release wakes waiters. */
  heard(fill: Fill): void {
    this.latest = Math.max(this.latest, Number(fill.generation));
    if (fill.kind === 'c') {
      this.claims.set(fill.key, {
        generation: fill.generation,
        until: Date.now() + this.options.lockMs,
      });
      return;
    }
    this.claims.delete(fill.key);
    // Another replica's copy (its own announcement carries the same load time): it refreshes next.
    if (fill.kind !== 'u' && this.filledHere.get(fill.key) !== fill.loadedAt) {
      this.filledHere.delete(fill.key);
    }
    const waiting = this.waiters.get(fill.key);
    if (!waiting) return;
    this.waiters.delete(fill.key);
    for (const wake of waiting) wake(fill);
  }

  async read<V>(
    key: string,
    load: (background: boolean) => Promise<V>,
    policy: TierPolicy,
    codec: Codec<V> = identity,
    refresh = false,
  ): Promise<Loaded<V>> {
    if (refresh && !this.claims.has(key)) {
      // A copy another replica stores meanwhile answers too (its claim came and went).
      const delay = this.filledHere.has(key)
        ? 0
        : FOLLOWER_DELAY_MS + Math.random() * REFRESH_SPREAD_MS;
      const fill = await this.waitForFill(key, delay);
      const copy = fill && (await this.copyOf(fill, String(this.latest), codec));
      if (copy) return copy;
    }
    const claim = refresh ? this.claims.get(key) : undefined;
    if (claim && claim.until > Date.now()) {
      // Another read of the vendor is under way and the caller serves its stale copy meanwhile:
      // claiming too would only find the claim taken. Its store's announcement answers.
      const fill = await this.waitForFill(key, claim.until - Date.now());
      const copy = fill && (await this.copyOf(fill, claim.generation, codec));
      if (copy) return copy;
    }
    const waitUntil = Date.now() + this.options.lockMs;
    for (;;) {
      const token = randomUUID();
      let found: Awaited<ReturnType<RedisLink['client']['cacheGetBuffer']>>;
      const now = Date.now();
      try {
        found = await this.link.run((redis) =>
          redis.cacheGetBuffer(
            this.generationKey,
            this.entryPrefix,
            key,
            now,
            policy.freshMs,
            token,
            this.options.lockMs,
            this.options.fillChannel,
            fillHeader(this.namespace, key),
          ),
        );
      } catch {
        return this.loadHere(load);
      }
      const [generationRaw, at, payload, locked] = found;
      const generation = generationRaw.toString();
      this.latest = Math.max(this.latest, Number(generation));
      if (payload && at >= 0) {
        const age = now - at;
        const stale = age >= policy.freshMs;
        // A refresh's caller serves its own stale copy meanwhile: only a fresher one helps it.
        if (!stale || (!refresh && age < policy.maxAgeMs)) {
          const value = await this.decode(payload, codec);
          if (value !== undefined) {
            if (!(stale && locked === 1)) return { value, loadedAt: at };
            // Past its freshness and ours to refresh: served while the vendor is read, and the
            // caller is handed the new copy (asking Redis for it would cost another round trip).
            const refreshed = this.fill(key, generation, token, load, true, codec, policy);
            refreshed.catch(() => undefined);
            return { value, loadedAt: at, refreshed };
          }
        }
      }
      if (locked === 1) return this.fill(key, generation, token, load, refresh, codec, policy);
      if (Date.now() >= waitUntil) return this.loadHere(load);
      // Another replica reads it: its store announces the copy (with it, when small enough).
      const fill = await this.waitForFill(key);
      const copy = fill && (await this.copyOf(fill, generation, codec));
      if (copy) return copy;
    }
  }

  async peek<V>(
    key: string,
    policy: TierPolicy,
    codec: Codec<V> = identity,
  ): Promise<Loaded<V> | undefined> {
    const waitUntil = Date.now() + this.options.lockMs;
    for (;;) {
      let found: Awaited<ReturnType<RedisLink['client']['cachePeekBuffer']>>;
      try {
        found = await this.link.run((redis) =>
          redis.cachePeekBuffer(
            this.generationKey,
            this.entryPrefix,
            key,
            Date.now(),
            policy.freshMs,
          ),
        );
      } catch {
        return undefined;
      }
      const [at, payload, locked] = found;
      if (payload && at >= 0) {
        const value = await this.decode(payload, codec);
        return value === undefined ? undefined : { value, loadedAt: at };
      }
      if (locked !== 1 || Date.now() >= waitUntil) return undefined;
      // Its reader announces the fill (or its failure): look again then.
      await this.waitForFill(key);
    }
  }

  /** The copy an announcement carries, if stored under the generation the caller read. */
  private async copyOf<V>(
    fill: Fill,
    generation: string,
    codec: Codec<V>,
  ): Promise<Loaded<V> | undefined> {
    if (fill.kind !== 'v' || !fill.payload || fill.generation !== generation) return undefined;
    const value = await this.decode(fill.payload, codec);
    return value === undefined ? undefined : { value, loadedAt: fill.loadedAt };
  }

  private async loadHere<V>(load: (background: boolean) => Promise<V>): Promise<Loaded<V>> {
    const value = await load(false);
    return { value, loadedAt: Date.now() };
  }

  private async decode<V>(payload: Buffer, codec: Codec<V>): Promise<V | undefined> {
    try {
      return codec.decode(await unpack(payload));
    } catch {
      // Written by another version of the gateway: read it again.
      return undefined;
    }
  }

  /** Reads the vendor as the lock holder, stores the result for the others, wakes them. */
  private async fill<V>(
    key: string,
    generation: string,
    token: string,
    load: (background: boolean) => Promise<V>,
    background: boolean,
    codec: Codec<V>,
    policy: TierPolicy,
  ): Promise<Loaded<V>> {
    let value: V;
    try {
      value = await load(background);
    } catch (error) {
      this.link.send((redis) =>
        redis.cacheUnlock(
          this.entryPrefix,
          generation,
          key,
          token,
          this.options.fillChannel,
          fillHeader(this.namespace, key),
        ),
      );
      throw error;
    }
    const loadedAt = Date.now();
    if (this.filledHere.size >= this.options.maxEntries) this.filledHere.clear();
    this.filledHere.set(key, loadedAt);
    const ttlMs = Math.max(policy.freshMs, policy.maxAgeMs);
    void this.store(key, generation, token, codec.encode(value), loadedAt, ttlMs);
    return { value, loadedAt };
  }

  private async store(
    key: string,
    generation: string,
    token: string,
    data: unknown,
    loadedAt: number,
    ttlMs: number,
  ): Promise<void> {
    let packed: Buffer;
    try {
      packed = await pack(data);
    } catch {
      packed = Buffer.alloc(0);
    }
    const storable = packed.length > 0 && packed.length <= this.options.maxBytes;
    this.link.send((redis) =>
      storable
        ? redis.cacheSet(
            this.generationKey,
            this.indexKey,
            this.entryPrefix,
            key,
            generation,
            loadedAt,
            packed,
            ttlMs,
            this.options.maxEntries,
            token,
            this.options.fillChannel,
            fillHeader(this.namespace, key),
            packed.length <= ANNOUNCED_COPY_MAX_BYTES ? 1 : 0,
          )
        : redis.cacheUnlock(
            this.entryPrefix,
            generation,
            key,
            token,
            this.options.fillChannel,
            fillHeader(this.namespace, key),
          ),
    );
  }

  /** The key's next store or release announced, or undefined after `ms` without one. */
  private waitForFill(key: string, ms = POLL_MS): Promise<Fill | undefined> {
    return new Promise<Fill | undefined>((resolve) => {
      let waiting = this.waiters.get(key);
      if (!waiting) this.waiters.set(key, (waiting = new Set()));
      const set = waiting;
      const wake = (fill: Fill | undefined) => {
        clearTimeout(timer);
        set.delete(wake);
        resolve(fill);
      };
      const timer = setTimeout(() => wake(undefined), ms);
      timer.unref?.();
      set.add(wake);
    });
  }
}
