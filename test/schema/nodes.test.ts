import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/global-id.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';

// node(id) and nodes(ids): any entity refetches by its opaque id; a malformed or unknown id is
// refused or null, never a crash and never a vendor call for a malformed one.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(() => gw.close());

const NODE = 'query($id: ID!) { node(id: $id) { __typename id } }';

describe('node and nodes', () => {
  it.each([
    ['garbage', 'not an id!'],
    ['base64 of no type', Buffer.from('justtext').toString('base64url')],
    ['a type that is not a node', encodeGlobalId('PageInfo', 'x')],
    ['an unknown type', encodeGlobalId('Spaceship', '1')],
  ])('refuses %s with BAD_USER_INPUT and no vendor call', async (_what, id) => {
    const res = await gw.query(NODE, { id });
    expect(res.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.data?.node ?? null).toBeNull();
    expect(gw.sandbox.log.count()).toBe(0);
  });

  it('answers null for a well-formed id of nothing', async () => {
    const res = await gw.query(NODE, { id: encodeGlobalId('Feedback', 'ws_nope:fb_nope') });
    expect(res.data).toEqual({ node: null });
  });

  it('refetches one node of every listed type through nodes(ids), in order', async () => {
    const list = await gw.query<{
      feedback: { nodes: { id: string }[] };
      workspaces: { id: string; projects: { nodes: { id: string }[] } }[];
      npsResponses: { nodes: { id: string }[] };
      surveys: { nodes: { id: string }[] };
      customers: { nodes: { id: string; profile: { id: string } | null }[] };
    }>(`{
      feedback(first: 1) { nodes { id } }
      workspaces { id projects(first: 1) { nodes { id } } }
      npsResponses(first: 1) { nodes { id } }
      surveys(first: 1) { nodes { id } }
      customers(first: 1) { nodes { id profile { id } } }
    }`);
    expect(list.errors).toEqual([]);
    const data = list.data;
    const ids = [
      data?.feedback.nodes[0]?.id,
      data?.workspaces[0]?.id,
      data?.workspaces[0]?.projects.nodes[0]?.id,
      data?.npsResponses.nodes[0]?.id,
      data?.surveys.nodes[0]?.id,
      data?.customers.nodes[0]?.id,
      data?.customers.nodes[0]?.profile?.id,
    ] as string[];
    expect(ids).toHaveLength(7);
    // The positions of the ids the list queries did not yield.
    expect(ids.flatMap((id, i) => (id ? [] : [i]))).toEqual([]);
    const res = await gw.query<{ nodes: ({ id: string } | null)[] }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      { ids: [...ids].reverse() },
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.nodes.map((n) => n?.id)).toEqual([...ids].reverse());
  });
});
