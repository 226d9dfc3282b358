import type { Redis } from 'ioredis';

/**
 * Redis round trips made so far, from Redis's own INFO commandstats: script calls (EVALSHA, and
 * EVAL when a script was not loaded yet), pipelines (one EXEC each) and health PINGs; what a
 * script runs inside Redis is counted under its own commands, which are left out. The replicas
 * scenario and the round-trip tests count with this one function, so both mean the same thing.
 */
export async function redisRoundTrips(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  let total = 0;
  for (const name of ['evalsha', 'eval', 'exec', 'ping']) {
    const match = new RegExp(`^cmdstat_${name}:calls=(\\d+)`, 'm').exec(info);
    if (match) total += Number(match[1]);
  }
  return total;
}
