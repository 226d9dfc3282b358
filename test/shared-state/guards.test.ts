// One replica's open circuit and 429 closure protect the others of its vendor account (REDIS_URL),
// against a real Redis: gateways in this process, each with its own connections, share one Redis
// and one key prefix. a and b are replicas of one deployment (one sandbox: the same credentials);
// `other` is another deployment with other credentials (a sandbox of its own, another seed), whose
// vendor accounts are not a's and b's: nothing they learn closes or opens anything of its.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorName } from '../../src/transport/types.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { type TestRedis, testRedis } from '../support/redis.js';

let redis: TestRedis;
let a: TestGateway;
let b: TestGateway;
let other: TestGateway;

beforeAll(async () => {
  redis = await testRedis();
  const env = {
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redis.prefix(),
    BREAKER_FAILURES: '2',
    BREAKER_COOLDOWN_MS: '60000',
  };
  a = await startTestGateway({ env });
  b = await startTestGateway({ env, over: a.sandbox });
  other = await startTestGateway({ env, sandbox: { seed: 7 } });
  await Promise.all([a, b, other].map((g) => g.services.shared.ready(5000)));
  for (const g of [a, b, other]) expect(g.services.shared.mode).toBe('SHARED');
  // Other credentials for every vendor (the accounts are hashes of them and the base URL).
  for (const name of ['USERHERO_API_KEY', 'USERLANE_API_TOKEN', 'PLANHAT_API_TOKEN']) {
    expect(other.sandbox.env[name]).not.toBe(a.sandbox.env[name]);
  }
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close(), other?.close()]);
  await redis?.close();
});

const nps = (source: string) =>
  `{ npsResponses(filter: { sources: [${source}] }, first: 3) { nodes { id } } }`;
const FEEDBACK = '{ feedback(first: 3) { nodes { feedbackId } } }';

/** Opens a's circuit of `vendor` (its sandbox answers 500) and waits until b follows. */
async function openOnA(vendor: VendorName, query: string): Promise<void> {
  a.sandbox.faults.inject({ vendor, status: 500 });
  for (let i = 0; i < 5 && a.services.guards(vendor)?.circuit !== 'OPEN'; i++) await a.query(query);
  expect(a.services.guards(vendor)?.circuit).toBe('OPEN');
  const deadline = Date.now() + 2000;
  while (b.services.guards(vendor)?.circuit !== 'OPEN') {
    expect(Date.now()).toBeLessThan(deadline);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** a meets a 429 of `vendor` that closes it for 30 s; b, told, refuses without a call. */
async function closeOnA(vendor: VendorName, query: string): Promise<void> {
  a.sandbox.faults.inject({ vendor, status: 429, headers: { 'Retry-After': '30' }, times: 1 });
  const limited = await a.query(query);
  expect(limited.errors[0]?.extensions?.code).toBe('VENDOR_RATE_LIMITED');
  await new Promise((r) => setTimeout(r, 200));
  b.sandbox.log.clear();
  const told = await b.query(query);
  expect(told.status).toBe(200);
  expect(told.errors[0]?.extensions?.code).toBe('VENDOR_RATE_LIMITED');
  expect(b.sandbox.log.count({ vendor })).toBe(0);
}

describe('replicas of one deployment share their circuits and 429 closures', () => {
  it('a circuit that opens in one replica fails the others fast, without a call', async () => {
    await openOnA('planhat', nps('PLANHAT'));
    b.sandbox.log.clear();
    const res = await b.query(nps('PLANHAT'));
    expect(res.errors[0]?.extensions?.code).toBe('VENDOR_UNAVAILABLE');
    expect(res.errors[0]?.extensions?.circuit).toBe('OPEN');
    expect(b.sandbox.log.count({ vendor: 'planhat' })).toBe(0);
    // The other vendors of b are untouched.
    expect(b.services.guards('userhero')?.circuit).toBe('CLOSED');
  });

  it('a 429 one replica meets closes the vendor for the others until its Retry-After', async () => {
    await closeOnA('userloop', nps('USERLOOP'));
  });
});

describe('another deployment (other credentials) over the same Redis and prefix', () => {
  it('keeps its circuit closed when one of ours opens, and calls its vendor', async () => {
    await openOnA('userhero', FEEDBACK);
    // b heard it: so did `other`, on the same channel; it is about another account.
    await new Promise((r) => setTimeout(r, 100));
    expect(other.services.guards('userhero')?.circuit).toBe('CLOSED');
    other.sandbox.log.clear();
    const res = await other.query<{ feedback: { nodes: { feedbackId: string }[] } }>(FEEDBACK);
    expect(res.errors).toEqual([]);
    expect(res.data?.feedback.nodes.length).toBe(3);
    expect(other.sandbox.log.count({ vendor: 'userhero' })).toBe(1);
  });

  it('is not closed by a 429 one of ours meets, and calls its vendor', async () => {
    await closeOnA('userlane', nps('USERLANE'));
    other.sandbox.log.clear();
    const res = await other.query<{ npsResponses: { nodes: { id: string }[] } }>(nps('USERLANE'));
    expect(res.errors).toEqual([]);
    expect(res.data?.npsResponses.nodes.length).toBe(3);
    expect(other.sandbox.log.count({ vendor: 'userlane' })).toBeGreaterThan(0);
  });
});
