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

  it('holds a request to VENDOR_CALL_CAP: the list answered whole', async () => {
    const capped = await startTestGateway({ env: { VENDOR_CALL_CAP: '5' } });
    try {
      const people = await capped.query<{ customers: { nodes: { email: string }[] } }>(
        '{ customers(first: 8) { nodes { email } } }',
      );
      const emails = people.data!.customers.nodes.map((c) => c.email);
      expect(emails).toHaveLength(8);
      capped.sandbox.log.clear();
      const res = await capped.query<{ _entities: ({ name: string | null } | null)[] }>(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { name } } }',
        { r: emails.map((email) => ({ __typename: 'Customer', email })) },
      );
      expect(res.status).toBe(200);
      expect(res.data!._entities).toHaveLength(8);
      // Eight people need eight lookups: the cap let five through.
      expect(capped.sandbox.log.count({ vendor: 'userhero' })).toBe(5);
      // A person's name falls back to the user directory when UserHero cannot be asked (as
      // everywhere), and their existence to the NPS exports: the capped entries stay people.
      for (const error of res.errors) {
        expect(error.extensions?.code).toBe('VENDOR_CALL_CAP_EXCEEDED');
      }
      expect(res.data!._entities.filter((e) => e !== null).length).toBeGreaterThan(0);
    } finally {
      await capped.close();
    }
  });

  it('refuses _service with introspection off', async () => {
    const res = await gw.query('{ _service { sdl } }');
    expect(res.data ?? null).toBeNull();
    expect(res.errors[0]?.message).toMatch(/_service.*INTROSPECTION=false/);
  });
});
