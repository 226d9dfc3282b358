import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/global-id.js';
import type { TestGateway } from '../support/gateway.js';
import { startTestGateway } from '../support/gateway.js';
import { lastDays } from '../support/userlane-reference.js';

// HEART scores as nodes: refetched by day through a one-day window of the HEART list.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
beforeEach(() => gw.sandbox.log.clear());
afterAll(() => gw.close());

const FIELDS = 'id date users sessions happiness engagement adoption retention taskSuccess heart';
const heartCalls = () =>
  gw.sandbox.log.entries({ vendor: 'userlane', path: /^\/properties\/[^/]+\/heart$/ });

describe('HeartScore node', () => {
  it('refetches each day by its id, one one-day read per day, equal to the listed score', async () => {
    const range = lastDays(gw.sandbox, 5, 2);
    const listed = await gw.query<{ heartScores: { nodes: { id: string; date: string }[] } }>(
      `query($range: DateRange!) { heartScores(range: $range, first: 5) { nodes { ${FIELDS} } } }`,
      { range },
    );
    expect(listed.errors).toEqual([]);
    const scores = listed.data?.heartScores.nodes ?? [];
    expect(scores).toHaveLength(5);
    const expected = gw.sandbox.seed.userlane.heart.filter(
      (day) => day.date >= range.from && day.date <= range.to,
    );
    expect(scores.map((s) => s.date).sort()).toEqual(expected.map((d) => d.date).sort());

    gw.sandbox.log.clear();
    const picked = [scores[0], scores[3]] as { id: string; date: string }[];
    const res = await gw.query<{ nodes: unknown[] }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on HeartScore { ${FIELDS} } } }`,
      { ids: picked.map((s) => s.id) },
    );
    expect(res.errors).toEqual([]);
    expect(res.data?.nodes).toEqual(picked);
    const calls = heartCalls();
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      const start = String(call.query.start).slice(0, 10);
      expect(String(call.query.end).slice(0, 10)).toBe(start);
    }
  });

  it('answers null for a day id that is not a date, without a vendor call', async () => {
    const res = await gw.query<{ node: null }>(`query($id: ID!) { node(id: $id) { id } }`, {
      id: encodeGlobalId('HeartScore', '2026-13-45'),
    });
    expect(res.errors).toEqual([]);
    expect(res.data?.node).toBeNull();
    expect(heartCalls()).toHaveLength(0);
  });
});
