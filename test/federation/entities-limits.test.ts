import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { analyzeOperation } from '../../src/http/cost.js';
import { schema } from '../../src/schema/index.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// The limits, the cost analysis and the exposure settings apply to `_entities` and `_service` as
// to any field: a router's bulk representations are priced one lookup each, by type.

const FEEDBACK = `query($r: [_Any!]!) {
  _entities(representations: $r) { ... on Feedback { feedbackId } }
}`;
const feedbackReps = (n: number, ids: string[]) =>
  Array.from({ length: n }, (_, i) => ({ __typename: 'Feedback', id: ids[i % ids.length] }));

let gw: TestGateway;
let ids: string[];
beforeAll(async () => {
  gw = await startTestGateway({ env: { GRAPHQL_MAX_COST: '30', INTROSPECTION: 'false' } });
  const list = await gw.query<{ feedback: { nodes: { id: string }[] } }>(
    '{ feedback(first: 5) { nodes { id } } }',
  );
  expect(list.errors).toEqual([]);
  ids = list.data!.feedback.nodes.map((f) => f.id);
  expect(ids.length).toBeGreaterThan(0);
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(() => gw.close());

describe('limits of _entities', () => {
  it('costs one weighted lookup per representation (UserHero: 2)', () => {
    const cost = (n: number) =>
      analyzeOperation(schema, parse(FEEDBACK), null, { r: feedbackReps(n, ids) }).cost;
    expect(cost(1)).toBe(2);
    expect(cost(10)).toBe(20);
    expect(cost(100)).toBe(200);
  });

  it('refuses representations over GRAPHQL_MAX_COST before any vendor call', async () => {
    const over = await gw.query(FEEDBACK, { r: feedbackReps(16, ids) });
    expect(over.errors[0]?.extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'cost',
      actual: 32,
    });
    expect(gw.sandbox.log.count()).toBe(0);
    const within = await gw.query(FEEDBACK, { r: feedbackReps(15, ids) });
    expect(within.errors).toEqual([]);
    expect(gw.sandbox.log.count()).toBeGreaterThan(0);
  });

  it('refuses more representations than GRAPHQL_MAX_IDS before any vendor call', async () => {
    const res = await gw.query(FEEDBACK, { r: feedbackReps(101, ids) });
    expect(res.errors[0]?.extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'ids',
      max: 100,
      actual: 101,
    });
    expect(gw.sandbox.log.count()).toBe(0);
  });

  it('refuses _service with introspection off', async () => {
    const res = await gw.query('{ _service { sdl } }');
    expect(res.data ?? null).toBeNull();
    expect(res.errors[0]?.message).toMatch(/_service.*INTROSPECTION=false/);
  });
});
