// The one entry the gateway builds its shared state from: in process without REDIS_URL, Redis
// with it. Everything else of this folder is reached through the SharedState interface.
import { createHash } from 'node:crypto';
import type { Logger } from '../logger.js';
import { SHARED_DEFAULTS, type SharedStateConfig } from './config.js';
import { localState } from './local.js';
import { redisState } from './redis-state.js';
import type { SharedState } from './types.js';

export type { SharedStateConfig } from './config.js';
export { sharedStateConfig } from './config.js';
export type {
  CacheTier,
  Codec,
  DocumentStore,
  Invalidation,
  SharedState,
  SharingMode,
} from './types.js';

export function createSharedState(
  config: SharedStateConfig | undefined,
  options: { logger: Logger; lockMs: number },
): SharedState {
  if (!config) return localState();
  return redisState({
    url: config.url,
    prefix: config.prefix,
    replicas: config.replicas,
    cache: {
      maxBytes: config.cacheMaxBytes,
      maxEntries: config.cacheMaxEntries,
      lockMs: options.lockMs,
    },
    // A probe is a call of a request (or of a read ahead, with a request's deadline of its own).
    probeMs: options.lockMs,
    documentTtlMs: (config.apqTtlSeconds ?? SHARED_DEFAULTS.REDIS_APQ_TTL_SECONDS) * 1000,
    logger: options.logger,
  });
}

/**
 * Names a vendor account in Redis keys by a hash of its credentials: replicas with the same key
 * share, other keys never do, and the key itself never leaves the process.
 */
export function accountId(credentials: Record<string, string>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(credentials).sort())
    hash.update(`${name}\n${credentials[name]}\n`);
  return hash.digest('hex').slice(0, 16);
}
