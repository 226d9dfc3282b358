// The windows read ahead of an export paged through npsResponses, shared by replicas (REDIS_URL)
// against a real Redis: two gateways in this process over one sandbox, a load balancer sending
// each page of one walk to the other replica. Each window of the list is read from the vendor
// once, by whichever replica reads it (or reads it ahead) first.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GraphQLResult, startTestGateway, type TestGateway } from '../support/gateway.js';
import { type TestRedis, testRedis } from '../support/redis.js';

let redis: TestRedis;
let a: TestGateway;
let b: TestGateway;
/** One gateway alone, over the same sandbox: what a walk reads without replicas. */
let alone: TestGateway;

beforeAll(async () => {
  redis = await testRedis();
  const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: redis.prefix() };
  a = await startTestGateway({ env });
  b = await startTestGateway({ env, over: a.sandbox });
  alone = await startTestGateway({ over: a.sandbox });
  await Promise.all([a.services.shared.ready(5000), b.services.shared.ready(5000)]);
  expect([a.services.shared.mode, b.services.shared.mode]).toEqual(['SHARED', 'SHARED']);
});
beforeEach(() => a.sandbox.log.clear());
afterAll(async () => {
  await alone?.close();
  await b?.close();
  await a?.close();
  await redis?.close();
});

const EXPORT = `query($after: String) {
  npsResponses(filter: { sources: [PLANHAT], range: { from: "2000-01-01", to: "2100-01-01" } }, first: 200, after: $after) {
    edges { node { id score } }
    pageInfo { hasNextPage endCursor }
  }
}`;

type Page = {
  npsResponses: {
    edges: { node: { id: string; score: number } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
};

const listCalls = () => a.sandbox.log.entries({ vendor: 'planhat', method: 'GET', path: '/nps' });
const offsets = () => listCalls().map((e) => Number(e.query.offset));

async function settle() {
  // A read ahead runs behind the response: wait until the log stops growing.
  let count = -1;
  while (count !== listCalls().length) {
    count = listCalls().length;
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

async function page(gw: TestGateway, after: string | null) {
  const res: GraphQLResult<Page> = await gw.query(EXPORT, { after });
  expect(res.errors).toEqual([]);
  return res.data!.npsResponses;
}

describe('read-ahead shared by replicas', () => {
  it('page 1 on A, page 2 on B: B is served the window A read ahead, without a vendor read', async () => {
    const first = await page(a, null);
    await settle();
    // A read page 1's window and the one after it.
    expect(offsets()).toEqual([0, 201]);
    const second = await page(b, first.pageInfo.endCursor);
    await settle();
    // B read nothing of what A had read: only the window after page 2, ahead of the walk.
    expect(offsets()).toEqual([0, 201, 402]);
    expect(second.edges.length).toBe(200);
    // The very page one replica alone serves.
    const direct = await page(alone, first.pageInfo.endCursor);
    expect(second).toEqual(direct);
  });

  it('a walk whose pages alternate between the replicas reads each window once, and the very records one replica reads', async () => {
    const walk = async (pick: (n: number) => TestGateway) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (let n = 0; ; n++) {
        const connection = await page(pick(n), after);
        ids.push(...connection.edges.map((e) => e.node.id));
        await settle();
        if (!connection.pageInfo.hasNextPage) return { ids, pages: n + 1 };
        after = connection.pageInfo.endCursor;
      }
    };
    const expected = await walk(() => alone);
    expect(expected.pages).toBeGreaterThan(2);
    const calls = listCalls().length;
    a.sandbox.log.clear();
    const shared = await walk((n) => (n % 2 === 0 ? a : b));
    expect(shared.ids).toEqual(expected.ids);
    expect(new Set(shared.ids).size).toBe(shared.ids.length);
    // Each window once, and no more reads than one replica alone makes.
    expect(new Set(offsets()).size).toBe(offsets().length);
    expect(listCalls().length).toBeLessThanOrEqual(calls);
  });

  it('a write through one replica drops the window the other would be served', async () => {
    const first = await page(a, null);
    await settle();
    const second = await page(alone, first.pageInfo.endCursor);
    // A record of the window A read ahead: deleted through A.
    const victim = second.edges[50]!.node.id;
    const deleted = await a.query('mutation($id: ID!) { deleteNps(id: $id) { deletedId } }', {
      id: victim,
    });
    expect(deleted.errors).toEqual([]);
    a.sandbox.log.clear();
    const after = await page(b, first.pageInfo.endCursor);
    // B reads the vendor again, and the record is gone.
    expect(listCalls().length).toBeGreaterThan(0);
    expect(after.edges.length).toBeGreaterThan(0);
    expect(after.edges.map((e) => e.node.id)).not.toContain(victim);
  });
});
