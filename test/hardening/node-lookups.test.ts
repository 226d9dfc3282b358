import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/global-id.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// `nodes(ids:)` loads one entity per id: the cost analysis counts each id as a lookup, weighted by
// the vendor its type is served by (UserHero 2, the others 1), and a list holds at most
// GRAPHQL_MAX_IDS (100) ids. Both are refused before any vendor call.

const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ env: { GRAPHQL_MAX_COST: '150', GRAPHQL_MAX_ALIASES: '200' } });
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(() => gw.close());

const userheroCustomers = (n: number) =>
  Array.from({ length: n }, (_, i) => encodeGlobalId('UserHeroCustomer', `cust_${i}`));
const planhatAnswers = (n: number) =>
  Array.from({ length: n }, (_, i) => encodeGlobalId('NpsResponse', `PLANHAT:nps_${i}`));

describe('nodes(ids:) costs what it loads', () => {
  it('weighs 100 UserHero ids as 200 weighted calls: over a limit of 150, refused without a call', async () => {
    const res = await gw.query(NODES, { ids: userheroCustomers(100) });
    expect(res.status).toBe(400);
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]?.extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'cost',
      max: 150,
      actual: 200,
    });
    expect(gw.sandbox.log.count()).toBe(0);
  });

  it('weighs ids of other vendors 1 each, and the same number of them runs', async () => {
    const res = await gw.query(NODES, { ids: planhatAnswers(100) });
    expect(res.errors.map((e) => e.extensions?.code)).not.toContain('LIMIT_EXCEEDED');
    expect(res.status).toBe(200);
  });

  it('adds up a mixed list per id, literals included', async () => {
    const ids = [...userheroCustomers(60), ...planhatAnswers(40)];
    const literal = `{ nodes(ids: [${ids.map((id) => `"${id}"`).join(', ')}]) { id } }`;
    const res = await gw.query(literal);
    expect(res.errors[0]?.extensions).toMatchObject({ limit: 'cost', actual: 160 });
    expect(gw.sandbox.log.count()).toBe(0);
  });

  it('adds what is selected below nodes to the lookups', async () => {
    // 75 UserHero customers (150) + their workspace, a container loaded once per request (2).
    const query =
      'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on UserHeroCustomer { workspace { name } } } }';
    const res = await gw.query(query, { ids: userheroCustomers(75) });
    expect(res.errors[0]?.extensions).toMatchObject({ limit: 'cost', actual: 152 });
    expect(gw.sandbox.log.count()).toBe(0);
  });

  it('counts node(id:) as one lookup of its type', async () => {
    const many = Array.from(
      { length: 80 },
      (_, i) => `a${i}: node(id: "${encodeGlobalId('UserHeroCustomer', `c${i}`)}") { id }`,
    );
    const small = await gw.query(`{ ${many.slice(0, 40).join(' ')} }`);
    expect(small.errors.map((e) => e.extensions?.code)).not.toContain('LIMIT_EXCEEDED');
    gw.sandbox.log.clear();
    const big = await gw.query(`{ ${many.join(' ')} }`);
    expect(big.errors[0]?.extensions).toMatchObject({ limit: 'cost', actual: 160 });
    expect(gw.sandbox.log.count()).toBe(0);
  });

  it('makes at most the estimated weighted calls for real ids', async () => {
    const seeded = [...gw.sandbox.seed.userhero.data.customers.values()].slice(0, 30);
    expect(seeded.length).toBe(30);
    const ids = seeded.map((c) => encodeGlobalId('UserHeroCustomer', c.id));
    const res = await gw.query<{ nodes: ({ id: string } | null)[] }>(NODES, { ids });
    expect(res.errors).toEqual([]);
    expect(res.data?.nodes.filter((n) => n !== null)).toHaveLength(30);
    const weighted = 2 * gw.sandbox.log.count({ vendor: 'userhero' });
    expect(weighted).toBeGreaterThan(0);
    expect(weighted).toBeLessThanOrEqual(60);
  });
});

describe('id lists are bounded (GRAPHQL_MAX_IDS)', () => {
  it('refuses 101 ids with LIMIT_EXCEEDED before any vendor call', async () => {
    const res = await gw.query(NODES, { ids: planhatAnswers(101) });
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('Ids in one list: 101, over the limit of 100 by 1'),
        extensions: expect.objectContaining({
          code: 'LIMIT_EXCEEDED',
          limit: 'ids',
          max: 100,
          actual: 101,
          setting: 'GRAPHQL_MAX_IDS',
        }),
      }),
    ]);
    expect(gw.sandbox.log.count()).toBe(0);
  });

  it('refuses 150,000 ids in one 3.9 MB body on their number, without loading any', async () => {
    const ids = Array.from({ length: 150_000 }, (_, i) => encodeGlobalId('NpsResponse', `p${i}`));
    const res = await gw.query(NODES, { ids });
    expect(res.status).toBe(400);
    expect(res.errors[0]?.extensions).toMatchObject({ limit: 'ids', actual: 150_000 });
    expect(gw.sandbox.log.count()).toBe(0);
  });
});
