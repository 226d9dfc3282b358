// Automatic persisted queries shared by replicas (REDIS_URL), against a real Redis: a client that
// registered a hash on one gateway sends the hash alone to another; each replica's own store stays
// in front; the shared store is bounded and expires; Redis failing leaves APQ working locally.
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ownRedis, type TestRedis, testRedis } from '../support/redis.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const apq = (query: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(query) } });

async function post(gw: TestGateway, body: unknown) {
  const response = await gw.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as any };
}

const codeOf = (res: Awaited<ReturnType<typeof post>>) =>
  res.json.errors?.[0]?.extensions?.code ?? 'OK';

let redis: TestRedis;
let prefix: string;
let a: TestGateway;
let b: TestGateway;
let client: Redis;

beforeAll(async () => {
  redis = await testRedis();
  prefix = redis.prefix();
  const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix, APQ_MAX_DOCUMENTS: '3' };
  a = await startTestGateway({ env });
  b = await startTestGateway({ env, over: a.sandbox });
  await Promise.all([a.services.shared.ready(5000), b.services.shared.ready(5000)]);
  client = new Redis(redis.url);
});
afterAll(async () => {
  client?.disconnect();
  await b?.close();
  await a?.close();
  await redis?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** REDIS_APQ_TTL_SECONDS's documented default. */
const DAY_MS = 24 * 60 * 60 * 1000;

describe('automatic persisted queries shared by replicas', () => {
  it('a hash registered on A runs alone on B, and then from B’s own store without Redis', async () => {
    const query = '{ feedback(first: 2) { nodes { id } } }';
    expect(codeOf(await post(b, { extensions: apq(query) }))).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(a, { query, extensions: apq(query) });
    expect(registered.json.errors).toBeUndefined();
    expect(registered.json.data.feedback.nodes.length).toBeGreaterThan(0);
    await sleep(50);
    a.sandbox.log.clear();
    const alone = await post(b, { extensions: apq(query) });
    expect(alone.status).toBe(200);
    expect(alone.json).toEqual(registered.json);
    expect(a.sandbox.log.count({ vendor: 'userhero' })).toBe(1);
    // B keeps what it found: the next hash alone asks Redis nothing (a document without vendor
    // calls, so that no budget's round trip is counted either).
    const plain = '{ kept: __typename }';
    await post(a, { query: plain, extensions: apq(plain) });
    await sleep(50);
    const before = b.services.shared.report().roundTrips;
    expect((await post(b, { extensions: apq(plain) })).json.data).toEqual({ kept: 'Query' });
    expect(b.services.shared.report().roundTrips).toBe(before + 1);
    expect((await post(b, { extensions: apq(plain) })).json.data).toEqual({ kept: 'Query' });
    expect(b.services.shared.report().roundTrips).toBe(before + 1);
  });

  it('keeps at most APQ_MAX_DOCUMENTS in Redis, each for a day after its last use', async () => {
    const queries = [1, 2, 3, 4, 5].map((n) => `{ n${n}: feedback(first: 1) { nodes { id } } }`);
    for (const query of queries) await post(a, { query, extensions: apq(query) });
    await sleep(50);
    const keys = await client.keys(`${prefix}apq:*`);
    expect(keys).toHaveLength(3);
    // The two registered first are gone for B (which never saw them); the last three run alone.
    const codes = [];
    for (const query of queries) codes.push(codeOf(await post(b, { extensions: apq(query) })));
    expect(codes).toEqual([
      'PERSISTED_QUERY_NOT_FOUND',
      'PERSISTED_QUERY_NOT_FOUND',
      'OK',
      'OK',
      'OK',
    ]);
    const ttl = await client.pttl(`${prefix}apq:${sha256(queries[4]!)}`);
    expect(ttl).toBeGreaterThan(DAY_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(DAY_MS);
  });

  it('keeps a document REDIS_APQ_TTL_SECONDS after its last use when set', async () => {
    const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: redis.prefix() };
    const c = await startTestGateway({
      env: { ...env, REDIS_APQ_TTL_SECONDS: '600' },
      over: a.sandbox,
    });
    const d = await startTestGateway({
      env: { ...env, REDIS_APQ_TTL_SECONDS: '900' },
      over: a.sandbox,
    });
    await Promise.all([c.services.shared.ready(5000), d.services.shared.ready(5000)]);
    const query = '{ ttl: feedback(first: 1) { nodes { id } } }';
    const key = `${env.REDIS_KEY_PREFIX}apq:${sha256(query)}`;
    expect(codeOf(await post(c, { query, extensions: apq(query) }))).toBe('OK');
    await sleep(50);
    const registered = await client.pttl(key);
    expect(registered).toBeGreaterThan(600_000 - 60_000);
    expect(registered).toBeLessThanOrEqual(600_000);
    // A use through another replica keeps it that replica's lifetime from then on.
    expect(codeOf(await post(d, { extensions: apq(query) }))).toBe('OK');
    const used = await client.pttl(key);
    expect(used).toBeGreaterThan(900_000 - 60_000);
    expect(used).toBeLessThanOrEqual(900_000);
    await Promise.all([c.close(), d.close()]);
  });

  it('never runs a document stored in Redis under a hash that is not its own', async () => {
    const query = '{ vendors { source } }';
    const hash = sha256('{ something { else } }');
    await client.set(`${prefix}apq:${hash}`, query, 'PX', 60_000);
    const res = await post(b, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(codeOf(res)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('with Redis away APQ goes on locally: a hash unknown here is registered here again', async () => {
    const own = await ownRedis();
    const env = { REDIS_URL: own.url, REDIS_KEY_PREFIX: own.prefix() };
    const c = await startTestGateway({ env, over: a.sandbox });
    await c.services.shared.ready(5000);
    await own.kill!();
    await sleep(300);
    expect(c.services.shared.mode).toBe('FALLBACK');
    const query = '{ feedback(first: 3) { nodes { id } } }';
    const miss = await post(c, { extensions: apq(query) });
    expect(miss.status).toBe(200);
    expect(codeOf(miss)).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post(c, { query, extensions: apq(query) });
    expect(registered.status).toBe(200);
    expect(registered.json.data.feedback.nodes.length).toBeGreaterThan(0);
    const alone = await post(c, { extensions: apq(query) });
    expect(alone.json).toEqual(registered.json);
    await c.close();
    await own.close();
  });
});
