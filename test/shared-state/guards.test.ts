// One replica's open circuit protects the others (REDIS_URL), against a real Redis: two
// gateways in this process, each with its own connections, share one Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { type TestRedis, testRedis } from '../support/redis.js';

let redis: TestRedis;
let a: TestGateway;
let b: TestGateway;

beforeAll(async () => {
  redis = await testRedis();
  const env = {
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redis.prefix(),
    BREAKER_FAILURES: '2',
    BREAKER_COOLDOWN_MS: '60000',
  };
  a = await startTestGateway({ env });
  b = await startTestGateway({ env });
  await Promise.all([a.services.shared.ready(5000), b.services.shared.ready(5000)]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await redis?.close();
});

const PLANHAT = '{ npsResponses(filter: { sources: [PLANHAT] }, first: 3) { nodes { id } } }';

describe('shared circuits', () => {
  it('a circuit that opens in one replica fails the others fast, without a call', async () => {
    a.sandbox.faults.inject({ vendor: 'planhat', status: 500 });
    for (let i = 0; i < 3; i++) await a.query(PLANHAT);
    expect(a.services.guards('planhat')?.circuit).toBe('OPEN');
    const deadline = Date.now() + 2000;
    while (b.services.guards('planhat')?.circuit !== 'OPEN') {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 20));
    }
    b.sandbox.log.clear();
    const res = await b.query(PLANHAT);
    expect(res.errors[0]?.extensions?.code).toBe('VENDOR_UNAVAILABLE');
    expect(res.errors[0]?.extensions?.circuit).toBe('OPEN');
    expect(b.sandbox.log.count({ vendor: 'planhat' })).toBe(0);
    // The other vendors of b are untouched.
    expect(b.services.guards('userhero')?.circuit).toBe('CLOSED');
  });
});
