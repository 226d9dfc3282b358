import { type GraphQLUnionType, isObjectType } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/global-id.js';
import { schema } from '../../src/schema/index.js';
import { entityKeys } from '../../src/schema/federation/representations.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// `_entities` as a router calls it: every Node type by its id, a person also by email, through
// the request's own loaders; unknown keys are nulls with errors, malformed lists are refused
// before any vendor call.

let gw: TestGateway;
let emails: string[];
let feedbackIds: string[];
beforeAll(async () => {
  gw = await startTestGateway();
  const seed = await gw.query<{
    customers: { nodes: { email: string }[] };
    feedback: { nodes: { id: string; feedbackId: string }[] };
  }>('{ customers(first: 50) { nodes { email } } feedback(first: 5) { nodes { id feedbackId } } }');
  expect(seed.errors).toEqual([]);
  emails = seed.data!.customers.nodes.map((c) => c.email);
  feedbackIds = seed.data!.feedback.nodes.map((f) => f.id);
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(() => gw.close());

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Customer { email name latestNps { score } }
    ... on Feedback { id feedbackId }
  }
}`;

type Entities = { _entities: ({ __typename: string; email?: string; id?: string } | null)[] };

const callsByVendor = () => {
  const out: Record<string, number> = {};
  for (const entry of gw.sandbox.log.entries()) out[entry.vendor] = (out[entry.vendor] ?? 0) + 1;
  return out;
};

describe('entities', () => {
  it('makes every Node type an entity by id, and Customer by email too', () => {
    const nodes = Object.values(schema.getTypeMap()).filter(
      (t) => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Node'),
    );
    expect(nodes.length).toBeGreaterThanOrEqual(16);
    for (const type of nodes) {
      expect(entityKeys(type), type.name).toEqual(
        type.name === 'Customer' ? ['email', 'id'] : ['id'],
      );
    }
    const members = (schema.getType('_Entity') as GraphQLUnionType).getTypes();
    expect(members.map((t) => t.name).sort()).toEqual(nodes.map((t) => t.name).sort());
  });

  it('resolves 50 customers by email with the vendor calls of one list, not of 50', async () => {
    expect(emails.length).toBe(50);
    const one = await gw.query<Entities>(ENTITIES, {
      representations: [{ __typename: 'Customer', email: emails[0] }],
    });
    expect(one.errors).toEqual([]);
    const single = callsByVendor();
    gw.sandbox.log.clear();

    // Each email twice, upper-cased once: deduplicated by the loaders.
    const representations = [
      ...emails.map((email) => ({ __typename: 'Customer', email })),
      ...emails.map((email) => ({ __typename: 'Customer', email: email.toUpperCase() })),
    ];
    const res = await gw.query<Entities>(ENTITIES, { representations });
    expect(res.errors).toEqual([]);
    const got = res.data!._entities;
    expect(got).toHaveLength(100);
    expect(got.map((e) => e?.email)).toEqual([...emails, ...emails]);
    const many = callsByVendor();
    // UserHero looks each distinct email up once (it cannot batch lookups)...
    const lookups = gw.sandbox.log.count({ vendor: 'userhero', path: '/customers' });
    expect(lookups).toBeGreaterThan(0);
    expect(lookups).toBeLessThanOrEqual(50);
    // ...and the NPS behind latestNps is one export per vendor: no more calls than for one.
    for (const vendor of ['planhat', 'userlane', 'userloop']) {
      expect(many[vendor], vendor).toBeGreaterThan(0);
      expect(many[vendor], vendor).toBeLessThanOrEqual(single[vendor]!);
    }
  });

  it('resolves a person by either key, once', async () => {
    const email = emails[1]!;
    const res = await gw.query<Entities>(ENTITIES, {
      representations: [
        { __typename: 'Customer', id: encodeGlobalId('Customer', email) },
        { __typename: 'Customer', email },
      ],
    });
    expect(res.errors).toEqual([]);
    expect(res.data!._entities.map((e) => e?.email)).toEqual([email, email]);
    expect(gw.sandbox.log.count({ vendor: 'userhero', path: '/customers' })).toBe(1);
  });

  it('resolves entities by global id through the same loaders as nodes(ids:)', async () => {
    expect(feedbackIds.length).toBeGreaterThan(0);
    const viaNodes = await gw.query<{ nodes: { id: string }[] }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Feedback { feedbackId } } }',
      { ids: feedbackIds },
    );
    expect(viaNodes.errors).toEqual([]);
    const nodeCalls = gw.sandbox.log.count();
    gw.sandbox.log.clear();
    const res = await gw.query<Entities>(ENTITIES, {
      representations: feedbackIds.map((id) => ({ __typename: 'Feedback', id })),
    });
    expect(res.errors).toEqual([]);
    expect(res.data!._entities.map((e) => e?.id)).toEqual(feedbackIds);
    expect(gw.sandbox.log.count()).toBe(nodeCalls);

    // Both in one request: one load, shared.
    gw.sandbox.log.clear();
    const both = await gw.query<Entities & { nodes: { id: string }[] }>(
      `query($ids: [ID!]!, $r: [_Any!]!) { nodes(ids: $ids) { id }
        _entities(representations: $r) { ... on Feedback { id } } }`,
      { ids: feedbackIds, r: feedbackIds.map((id) => ({ __typename: 'Feedback', id })) },
    );
    expect(both.errors).toEqual([]);
    expect(both.data!.nodes.map((n) => n.id)).toEqual(feedbackIds);
    expect(both.data!._entities.map((e) => e?.id)).toEqual(feedbackIds);
    expect(gw.sandbox.log.count()).toBe(nodeCalls);
  });

  it('reads many NPS answers from the exports of the window, not one call each', async () => {
    const feed = await gw.query<{ npsResponses: { nodes: { id: string; score: number }[] } }>(
      '{ npsResponses(first: 40, filter: { sources: [USERLANE, PLANHAT] }) { nodes { id score } } }',
    );
    expect(feed.errors).toEqual([]);
    const answers = feed.data!.npsResponses.nodes;
    expect(answers).toHaveLength(40);
    gw.sandbox.log.clear();
    await gw.query('{ npsSummary(filter: { sources: [USERLANE, PLANHAT] }) { score } }');
    const exportCalls = gw.sandbox.log.count();
    expect(exportCalls).toBeGreaterThan(0);
    gw.sandbox.log.clear();

    const res = await gw.query<{ _entities: { id: string; score: number }[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on NpsResponse { id score } } }',
      { r: answers.map(({ id }) => ({ __typename: 'NpsResponse', id })) },
    );
    expect(res.errors).toEqual([]);
    expect(res.data!._entities).toEqual(answers);
    expect(gw.sandbox.log.count()).toBeLessThanOrEqual(exportCalls);
  });

  it('nulls only the entries a failing vendor serves, with its error', async () => {
    const feed = await gw.query<{ npsResponses: { nodes: { id: string }[] } }>(
      '{ npsResponses(first: 1, filter: { sources: [PLANHAT] }) { nodes { id } } }',
    );
    const answer = feed.data!.npsResponses.nodes[0]!.id;
    gw.sandbox.faults.inject({ vendor: 'userhero', status: 500 });
    try {
      const res = await gw.query<{ _entities: ({ id: string } | null)[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) {
          ... on Feedback { id } ... on NpsResponse { id } } }`,
        {
          r: [
            { __typename: 'Feedback', id: feedbackIds[0] },
            { __typename: 'NpsResponse', id: answer },
          ],
        },
      );
      expect(res.status).toBe(200);
      expect(res.data!._entities).toEqual([null, { id: answer }]);
      expect(res.errors.map((e) => [e.path, e.extensions?.code, e.extensions?.vendor])).toEqual([
        [['_entities', 0], 'VENDOR_UNAVAILABLE', 'USERHERO'],
      ]);
    } finally {
      gw.sandbox.faults.clear();
    }
  });

  it('answers unknown keys with nulls and NOT_FOUND errors, the others resolved', async () => {
    const res = await gw.query<Entities>(ENTITIES, {
      representations: [
        { __typename: 'Customer', email: 'nobody-at-all@example.com' },
        { __typename: 'Feedback', id: feedbackIds[0] },
        { __typename: 'Feedback', id: encodeGlobalId('Feedback', 'ws_nope:fb_nope') },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.data!._entities[0]).toBeNull();
    expect(res.data!._entities[1]?.id).toBe(feedbackIds[0]);
    expect(res.data!._entities[2]).toBeNull();
    const errors = res.errors.map((e) => [e.path, e.extensions?.code]);
    expect(errors.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      [['_entities', 0], 'NOT_FOUND'],
      [['_entities', 2], 'NOT_FOUND'],
    ]);
  });

  it('refuses a key value of the wrong type in its own entry, before calling for it', async () => {
    const res = await gw.query<Entities>(ENTITIES, {
      representations: [
        { __typename: 'Feedback', id: encodeGlobalId('Survey', 'x') },
        { __typename: 'Customer', email: 'not an email' },
        { __typename: 'Feedback', id: 'not an id!' },
      ],
    });
    expect(res.data!._entities).toEqual([null, null, null]);
    expect(res.errors.map((e) => e.extensions?.code)).toEqual([
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
    ]);
    expect(gw.sandbox.log.count()).toBe(0);
  });

  it.each([
    ['a string', 'Feedback'],
    ['no __typename', { id: 'x' }],
    ['a type that is no entity', { __typename: 'PageInfo', id: 'x' }],
    ['an unknown type', { __typename: 'Spaceship', id: 'x' }],
    ['no key field', { __typename: 'Feedback', title: 'x' }],
    ['a key that is not a string', { __typename: 'Feedback', id: 42 }],
    ['an empty key', { __typename: 'Customer', email: '' }],
  ])('refuses a list holding %s as BAD_USER_INPUT before any vendor call', async (_w, bad) => {
    const res = await gw.query<Entities>(ENTITIES, {
      representations: [{ __typename: 'Customer', email: emails[0] }, bad],
    });
    expect(res.status).toBe(200);
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', index: 1 });
    expect(res.errors[0]?.message).toMatch(/representations\[1\]/);
    expect(gw.sandbox.log.count()).toBe(0);
  });

  it('serves its subgraph SDL with both keys of Customer', async () => {
    const res = await gw.query<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(res.errors).toEqual([]);
    const sdl = res.data!._service.sdl;
    expect(sdl).toMatch(
      /type Customer implements Node\s+@key\(fields: "email"\)\s+@key\(fields: "id"\)/,
    );
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.6"');
    expect(sdl).not.toContain('_entities');
    expect(gw.sandbox.log.count()).toBe(0);
  });
});
