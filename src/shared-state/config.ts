// The variables of scale-out: REDIS_URL turns sharing on; the others tune it.
import { ConfigError, type Env, intVar, nonEmpty } from '../vendors/env.js';

export interface SharedStateConfig {
  /** The connection URL (it may carry a password: never logged). */
  url: string;
  prefix: string;
  /** Replicas sharing each budget: each spends 1/replicas of it while Redis is away. */
  replicas: number;
  /** A cached value larger than this (packed) stays in the replica that read it. */
  cacheMaxBytes: number;
  /** Shared cache entries per vendor account, the oldest dropped first. */
  cacheMaxEntries: number;
  /** How long an APQ document stays in Redis after its last use; a day when left out. */
  apqTtlSeconds?: number;
}

export const SHARED_DEFAULTS = {
  REDIS_KEY_PREFIX: 'fgg:',
  REPLICAS: 2,
  REDIS_CACHE_MAX_BYTES: 8 * 1024 * 1024,
  REDIS_CACHE_MAX_ENTRIES: 256,
  /** A day: a document unused that long is registered again by the next client that sends it. */
  REDIS_APQ_TTL_SECONDS: 24 * 60 * 60,
};

/** Undefined without REDIS_URL: one replica, nothing shared. */
export function sharedStateConfig(env: Env): SharedStateConfig | undefined {
  const raw = nonEmpty(env.REDIS_URL);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Never echo the value: it may hold the password.
    throw new ConfigError('REDIS_URL must be a URL such as redis://[user:password@]host:6379/0');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError(
      `REDIS_URL must use redis:// or rediss:// (TLS) (got "${url.protocol}//")`,
    );
  }
  if (url.pathname.length > 1 && !/^\/\d+$/.test(url.pathname)) {
    throw new ConfigError('REDIS_URL may only name a database number as its path (/0 … /15)');
  }
  const prefix = nonEmpty(env.REDIS_KEY_PREFIX) ?? SHARED_DEFAULTS.REDIS_KEY_PREFIX;
  if (!/^[A-Za-z0-9_.:{}-]{1,64}$/.test(prefix)) {
    throw new ConfigError(
      `REDIS_KEY_PREFIX must be 1 to 64 of A-Z a-z 0-9 _ . : { } - (got "${prefix}")`,
    );
  }
  return {
    url: raw,
    prefix,
    replicas: intVar(env, 'REPLICAS', SHARED_DEFAULTS.REPLICAS, 1, 1000),
    cacheMaxBytes: intVar(
      env,
      'REDIS_CACHE_MAX_BYTES',
      SHARED_DEFAULTS.REDIS_CACHE_MAX_BYTES,
      1024,
      512 * 1024 * 1024,
    ),
    cacheMaxEntries: intVar(
      env,
      'REDIS_CACHE_MAX_ENTRIES',
      SHARED_DEFAULTS.REDIS_CACHE_MAX_ENTRIES,
      1,
      100_000,
    ),
    apqTtlSeconds: intVar(
      env,
      'REDIS_APQ_TTL_SECONDS',
      SHARED_DEFAULTS.REDIS_APQ_TTL_SECONDS,
      60,
      30 * 24 * 60 * 60,
    ),
  };
}
