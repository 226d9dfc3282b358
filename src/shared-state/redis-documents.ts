// The APQ documents shared through Redis: one key per hash, kept `ttlMs` (REDIS_APQ_TTL_SECONDS)
// after its last use, at most `max` (APQ_MAX_DOCUMENTS), the least recently used dropped. A lookup is one round
// trip, made only when the replica's own store misses; a registration is sent without waiting.
import { createHash } from 'node:crypto';
import type { RedisLink } from './redis-link.js';
import type { DocumentStore } from './types.js';

export class RedisDocumentStore implements DocumentStore {
  private readonly indexKey: string;

  constructor(
    private readonly link: RedisLink,
    private readonly max: number,
    /** A document unused this long is registered again by the next client that sends it. */
    private readonly ttlMs: number,
  ) {
    this.indexKey = `${link.prefix}apq`;
  }

  async get(hash: string): Promise<string | undefined> {
    if (!this.link.connected) return undefined;
    let document: string | null;
    try {
      document = await this.link.run((redis) =>
        redis.documentGet(this.key(hash), this.indexKey, Date.now(), this.ttlMs),
      );
    } catch {
      // Redis away: the client is told the hash is unknown and registers it here.
      return undefined;
    }
    // Anything else that writes this Redis cannot make a hash run another document.
    if (document === null || sha256(document) !== hash) return undefined;
    return document;
  }

  set(hash: string, document: string): void {
    if (!this.link.connected) return;
    this.link.send((redis) =>
      redis.documentSet(this.key(hash), this.indexKey, document, Date.now(), this.ttlMs, this.max),
    );
  }

  private key(hash: string): string {
    return `${this.link.prefix}apq:${hash}`;
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
