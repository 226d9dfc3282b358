import { afterAll, describe, expect, it } from 'vitest';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { scrape, total } from '../support/prometheus.js';
import { ownRedis, type TestRedis } from '../support/redis.js';

// The issue's "a metric" for the replicas' sharing: what `vendors { sharing }` says, on /metrics,
// so an alert fires when a replica runs on its local fallback.

const open: { gw?: TestGateway; redis?: TestRedis }[] = [];
afterAll(async () => {
  for (const { gw, redis } of open) {
    await gw?.close();
    await redis?.close();
  }
});

const modes = async (gw: TestGateway) => {
  const samples = await scrape(gw);
  return Object.fromEntries(
    ['LOCAL', 'SHARED', 'FALLBACK'].map((mode) => [
      mode,
      total(samples, 'gateway_shared_state', { mode }),
    ]),
  );
};

async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('gateway_shared_state', () => {
  it('is LOCAL without REDIS_URL', async () => {
    const gw = await startTestGateway();
    open.push({ gw });
    expect(await modes(gw)).toEqual({ LOCAL: 1, SHARED: 0, FALLBACK: 0 });
  });

  it('follows Redis: SHARED, FALLBACK while it is away, SHARED again when it is back', async () => {
    const redis = await ownRedis();
    const gw = await startTestGateway({
      env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: redis.prefix() },
    });
    open.push({ gw, redis });
    await gw.services.shared.ready(5000);
    expect(await modes(gw)).toEqual({ LOCAL: 0, SHARED: 1, FALLBACK: 0 });
    await redis.kill!();
    await until(() => gw.services.shared.mode === 'FALLBACK', 'the fallback');
    expect(await modes(gw)).toEqual({ LOCAL: 0, SHARED: 0, FALLBACK: 1 });
    await redis.restart!();
    await until(() => gw.services.shared.mode === 'SHARED', 'sharing again');
    expect(await modes(gw)).toEqual({ LOCAL: 0, SHARED: 1, FALLBACK: 0 });
  }, 30_000);
});
