// The replica's link to Redis tells a slow Redis from a replica too busy to read its answer: a
// budget command Redis answered must not be taken for a timeout (its token would be spent on no
// call), while a Redis that does not answer still fails the command fast.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createLogger } from '../../src/logger.js';
import { COMMAND_TIMEOUT_MS, RedisLink } from '../../src/shared-state/redis-link.js';
import { ownRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
const links: RedisLink[] = [];

beforeAll(async () => {
  // Our own server: CLIENT PAUSE below would stall every other test on the machine's Redis.
  redis = await ownRedis();
});

afterAll(async () => {
  for (const link of links) await link.close();
  await redis?.close();
});

async function connectedLink(): Promise<RedisLink> {
  const link = new RedisLink(redis.url, redis.prefix(), [], createLogger('silent'));
  links.push(link);
  const deadline = Date.now() + 5000;
  while (!link.connected) {
    if (Date.now() > deadline) throw new Error('the link did not connect');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return link;
}

/** Keeps this process's event loop busy, as a long GC or a burst of requests would. */
function blockFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

describe('Redis command timeouts', () => {
  it('takes an answer that arrived while the replica was blocked past the timeout', async () => {
    const link = await connectedLink();
    const key = `${link.prefix}stalled`;
    // Sent, then stalled, from an I/O callback (the reply to a PING), as a request's work is:
    // the next loop iteration runs its expired timers before it reads the socket. Redis answers
    // within a millisecond; this process reads the answer only after the timeout.
    const { answer } = await new Promise<{ answer: Promise<number> }>((resolve) => {
      void link.client.ping().then(() => {
        const sent = link.run((client) => client.incr(key));
        blockFor(COMMAND_TIMEOUT_MS + 300);
        resolve({ answer: sent });
      });
    });
    await expect(answer).resolves.toBe(1);
    expect(link.connected).toBe(true);
    expect(link.lastError).toBeNull();
    // The command ran once: its effect is there, and the next one sees it.
    await expect(link.run((client) => client.incr(key))).resolves.toBe(2);
  });

  it('fails a command fast when Redis itself does not answer in time, and keeps sharing after one', async () => {
    const link = await connectedLink();
    const admin = new Redis(redis.url);
    try {
      await admin.call('CLIENT', 'PAUSE', String(COMMAND_TIMEOUT_MS * 3), 'ALL');
      const started = performance.now();
      await expect(link.run((client) => client.get(`${link.prefix}paused`))).rejects.toThrow(
        /timed out/i,
      );
      const waited = performance.now() - started;
      expect(waited).toBeGreaterThanOrEqual(COMMAND_TIMEOUT_MS - 5);
      expect(waited).toBeLessThan(COMMAND_TIMEOUT_MS * 2);
      // One timeout is a busy moment, not an outage.
      expect(link.connected).toBe(true);
    } finally {
      await admin.call('CLIENT', 'UNPAUSE').catch(() => undefined);
      admin.disconnect();
    }
  });
});
